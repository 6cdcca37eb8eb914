-- One row per jurisdiction x period x unit (every registered unit, tickets or
-- not): the bulletin's counts and rates, 同比 (vs the same period last year) and
-- 环比 (vs the previous period). Rates are fractions in [0, 1]; where the
-- platform published official rates (unit statistics export) those are the
-- rates and rate_source = 'official', with the computed ones kept beside them.
-- Changes of volume are relative (0.1608 = +16.08 %); changes of rates are
-- differences of the fractions (0.02 = +2 percentage points). A rate with an
-- empty denominator prints as the scheme says (empty_rate_display: blank, 100 %
-- or 0 %); its *_rate_raw column stays null, and 同比/环比 use the raw rates.
{% set rate_parts = [
    ('response', 'responded_count', 'rated_count'),
    ('on_time', 'on_time_count', 'on_time_denominator_count'),
    ('on_time_return', 'returned_on_time_count', 'rated_returned_count'),
    ('resolution', 'resolution_points', 'resolution_answers'),
    ('result_satisfaction', 'result_satisfaction_points', 'result_satisfaction_answers'),
    ('process_satisfaction', 'process_satisfaction_points', 'process_satisfaction_answers'),
] %}
{% set rate_names = ['response', 'on_time', 'on_time_return', 'resolution', 'result_satisfaction', 'process_satisfaction', 'satisfaction'] %}
with

rates as (
    select * from {{ ref('int_unit_period_rates') }}
    where scope = 'all'
),

units as (
    select * from {{ ref('dim_units') }}
),

periods as (
    select * from {{ ref('dim_periods') }}
),

schemes as (
    select * from {{ ref('int_scheme_periods') }}
    where scope = 'all'
),

repeats as (
    -- 重复诉求: tickets that repeat an earlier demand (int_ticket_repeats)
    select
        jurisdiction,
        period_label,
        unit_id,
        count(distinct ticket_id) as repeat_demand_count
    from {{ ref('int_ticket_repeats') }}
    where is_repeat
    group by jurisdiction, period_label, unit_id
),

chosen as (
    select
        rates.*,
        coalesce(rates.official_handled_count, rates.handled_count) as assessed_handled_count,
        case when rates.rate_source = 'official' then rates.official_response_rate else rates.computed_response_rate end as response_rate,
        case when rates.rate_source = 'official' then rates.official_on_time_rate else rates.computed_on_time_rate end as on_time_rate,
        rates.computed_on_time_return_rate as on_time_return_rate,
        case when rates.rate_source = 'official' then rates.official_resolution_rate else rates.computed_resolution_rate end
            as resolution_rate,
        rates.computed_result_satisfaction_rate as result_satisfaction_rate,
        rates.computed_process_satisfaction_rate as process_satisfaction_rate,
        case when rates.rate_source = 'official' then rates.official_satisfaction_rate else rates.computed_satisfaction_rate end
            as satisfaction_rate
    from rates
),

with_history as (
    select
        chosen.*,
        prev.handled_count as previous_handled_count,
        last_year.handled_count as last_year_handled_count,
        {% for rate in rate_names %}
            chosen.{{ rate }}_rate - prev.{{ rate }}_rate as {{ rate }}_rate_mom,
            chosen.{{ rate }}_rate - last_year.{{ rate }}_rate as {{ rate }}_rate_yoy,
        {% endfor %}
        periods.days_in_period,
        periods.first_day,
        coalesce(schemes.empty_rate_display, 'blank') as empty_rate_display,
        coalesce(repeats.repeat_demand_count, 0) as repeat_demand_count
    from chosen
    inner join periods
        on chosen.jurisdiction = periods.jurisdiction and chosen.period_label = periods.period_label
    left join schemes
        on chosen.jurisdiction = schemes.jurisdiction and chosen.period_label = schemes.period_label
    left join repeats
        on
            chosen.jurisdiction = repeats.jurisdiction
            and chosen.period_label = repeats.period_label
            and chosen.unit_id = repeats.unit_id
    left join chosen as prev
        on chosen.unit_id = prev.unit_id and periods.previous_period_label = prev.period_label
    left join chosen as last_year
        on chosen.unit_id = last_year.unit_id and periods.same_period_last_year_label = last_year.period_label
),

final as (
    select
        with_history.jurisdiction,
        with_history.period_label,
        with_history.unit_id,
        units.unit_name,
        units.unit_kind,
        units.kind_group,
        units.is_assessed,
        with_history.handled_count,
        with_history.closed_count,
        with_history.returned_count,
        with_history.in_progress_count,
        with_history.overdue_count,
        with_history.redo_count,
        with_history.city_redo_count,
        with_history.exempt_count,
        cast(with_history.repeat_demand_count as integer) as repeat_demand_count,
        cast(with_history.assessed_handled_count as integer) as assessed_handled_count,
        {% for _, _, name in answer_counts() %}
            with_history.{{ name }},
        {% endfor %}
        -- each computed rate's numerator and denominator, so that a rate of several units or
        -- periods (the semantic layer's metrics) is a ratio of sums, never a mean of rates
        {% for rate, numerator, denominator in rate_parts %}
            cast(with_history.{{ numerator }} as {{ type_double() }}) as {{ rate }}_numerator,
            cast(with_history.{{ denominator }} as integer) as {{ rate }}_denominator,
        {% endfor %}
        cast(with_history.days_in_period as integer) as days_in_period,
        with_history.first_day as period_first_day,
        {% for rate in rate_names %}
            cast(
                {{ rate_for_display('with_history.' ~ rate ~ '_rate', 'with_history.empty_rate_display') }}
                as {{ type_double() }}
            ) as {{ rate }}_rate,
        {% endfor %}
        {% for rate in rate_names %}
            cast(with_history.{{ rate }}_rate as {{ type_double() }}) as {{ rate }}_rate_raw,
        {% endfor %}
        with_history.rate_source,
        cast(with_history.computed_response_rate as {{ type_double() }}) as computed_response_rate,
        cast(with_history.computed_on_time_rate as {{ type_double() }}) as computed_on_time_rate,
        cast(with_history.computed_resolution_rate as {{ type_double() }}) as computed_resolution_rate,
        cast(with_history.computed_satisfaction_rate as {{ type_double() }}) as computed_satisfaction_rate,
        cast(with_history.avg_handling_workdays as {{ type_double() }}) as avg_handling_workdays,
        {{ period_change('with_history.handled_count', 'with_history.previous_handled_count') }} as handled_count_mom,
        {{ period_change('with_history.handled_count', 'with_history.last_year_handled_count') }} as handled_count_yoy,
        {% for rate in rate_names %}
            cast(with_history.{{ rate }}_rate_mom as {{ type_double() }}) as {{ rate }}_rate_mom,
            cast(with_history.{{ rate }}_rate_yoy as {{ type_double() }}) as {{ rate }}_rate_yoy,
        {% endfor %}
        {{ safe_ratio('with_history.handled_count', 'with_history.days_in_period') }} as daily_average
    from with_history
    inner join units on with_history.unit_id = units.unit_id
)

select * from final
