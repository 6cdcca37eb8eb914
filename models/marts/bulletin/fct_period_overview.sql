-- One row per jurisdiction x reported period: the bulletin's overview (受理概况).
-- Total tickets (the sum of the units' handled counts), 同比 and 环比, days in the
-- period and the daily average (东昌府区 2024-02: 11198 / 29 = 386), the four rates
-- over all tickets and both satisfaction questions (办理结果 / 服务过程) with the
-- answer counts behind them, the towns' and departments' shares, enterprise demands.
-- Where the platform published unit statistics for the period (a county that sends
-- only those, or official volumes beside a sample of tickets), the totals are the
-- units' official 承办量 and the four rates are the units' official rates weighted
-- by their volumes: rate_source = 'official'. ticket_count is always the tickets
-- staged for the period.
with

rates as (
    select * from {{ ref('int_unit_period_rates') }}
),

units as (
    select * from {{ ref('dim_units') }}
),

periods as (
    select * from {{ ref('dim_periods') }}
),

repeats as (
    select
        jurisdiction,
        period_label,
        count(distinct ticket_id) as repeat_demand_count
    from {{ ref('int_ticket_repeats') }}
    where is_repeat
    group by jurisdiction, period_label
),

volumes as (
    -- each unit's volume: the official 承办量 where published, else its tickets; the
    -- rate each unit stands for, official where published
    select
        rates.*,
        coalesce(rates.official_handled_count, rates.handled_count) as volume,
        {% for rate in ['response', 'on_time', 'resolution', 'satisfaction'] %}
            case
                when rates.rate_source = 'official' then rates.official_{{ rate }}_rate
                else rates.computed_{{ rate }}_rate
            end as unit_{{ rate }}_rate{% if not loop.last %},{% endif %}
        {% endfor %}
    from rates
),

totals as (
    select
        rates.jurisdiction,
        rates.period_label,
        sum(case when rates.scope = 'all' then rates.handled_count else 0 end) as ticket_count,
        sum(case when rates.scope = 'all' then rates.volume else 0 end) as handled_count,
        sum(case when rates.scope = 'all' and rates.rate_source = 'official' then 1 else 0 end) as official_units,
        {% for rate in ['response', 'on_time', 'resolution', 'satisfaction'] %}
            sum(
                case when rates.scope = 'all' then rates.unit_{{ rate }}_rate * rates.volume end
            ) as {{ rate }}_weighted,
            sum(
                case when rates.scope = 'all' and rates.unit_{{ rate }}_rate is not null then rates.volume end
            ) as {{ rate }}_weight,
        {% endfor %}
        sum(case when rates.scope = 'all' and units.kind_group = 'town' then rates.volume else 0 end)
            as town_handled_count,
        sum(case when rates.scope = 'all' and units.kind_group <> 'town' then rates.volume else 0 end)
            as department_handled_count,
        sum(case when rates.scope = 'enterprise' then rates.volume else 0 end) as enterprise_count,
        sum(case when rates.scope = 'all' then rates.responded_count else 0 end) as responded_count,
        sum(case when rates.scope = 'all' then rates.rated_count else 0 end) as rated_count,
        sum(case when rates.scope = 'all' then rates.on_time_count else 0 end) as on_time_count,
        sum(case when rates.scope = 'all' then rates.on_time_denominator_count else 0 end) as on_time_denominator_count,
        sum(case when rates.scope = 'all' then rates.resolution_points else 0 end) as resolution_points,
        sum(case when rates.scope = 'all' then rates.resolution_answers else 0 end) as resolution_answers,
        sum(case when rates.scope = 'all' then rates.result_satisfaction_points else 0 end) as result_points,
        sum(case when rates.scope = 'all' then rates.result_satisfaction_answers else 0 end) as result_answers,
        sum(case when rates.scope = 'all' then rates.process_satisfaction_points else 0 end) as process_points,
        sum(case when rates.scope = 'all' then rates.process_satisfaction_answers else 0 end) as process_answers,
        {% for _, _, name in answer_counts() %}
            sum(case when rates.scope = 'all' then rates.{{ name }} else 0 end) as {{ name }},
        {% endfor %}
        max(case when rates.scope = 'all' then rates.satisfaction_basis end) as satisfaction_basis
    from volumes as rates
    inner join units on rates.unit_id = units.unit_id
    group by rates.jurisdiction, rates.period_label
),

with_rates as (
    select
        totals.*,
        case when totals.official_units > 0 then 'official' else 'computed' end as rate_source,
        case
            when totals.official_units > 0 then {{ safe_ratio('response_weighted', 'response_weight') }}
            else {{ safe_ratio('responded_count', 'rated_count') }}
        end as response_rate,
        case
            when totals.official_units > 0 then {{ safe_ratio('on_time_weighted', 'on_time_weight') }}
            else {{ safe_ratio('on_time_count', 'on_time_denominator_count') }}
        end as on_time_rate,
        case
            when totals.official_units > 0 then {{ safe_ratio('resolution_weighted', 'resolution_weight') }}
            else {{ safe_ratio('resolution_points', 'resolution_answers') }}
        end as resolution_rate,
        {{ safe_ratio('satisfaction_weighted', 'satisfaction_weight') }} as official_satisfaction_rate,
        {{ safe_ratio('result_points', 'result_answers') }} as result_satisfaction_rate,
        {{ safe_ratio('process_points', 'process_answers') }} as process_satisfaction_rate
    from totals
),

final as (
    select
        with_rates.jurisdiction,
        with_rates.period_label,
        periods.first_day,
        periods.last_day,
        periods.days_in_period,
        cast(with_rates.handled_count as integer) as handled_count,
        {{ period_change('with_rates.handled_count', 'prev.handled_count') }} as handled_count_mom,
        {{ period_change('with_rates.handled_count', 'last_year.handled_count') }} as handled_count_yoy,
        {{ safe_ratio('with_rates.handled_count', 'periods.days_in_period') }} as daily_average,
        with_rates.response_rate,
        with_rates.on_time_rate,
        with_rates.resolution_rate,
        case
            when with_rates.rate_source = 'official' then with_rates.official_satisfaction_rate
            when with_rates.satisfaction_basis = 'result' then with_rates.result_satisfaction_rate
            when with_rates.satisfaction_basis = 'process' then with_rates.process_satisfaction_rate
            else (with_rates.result_satisfaction_rate + with_rates.process_satisfaction_rate) / 2
        end as satisfaction_rate,
        with_rates.rate_source,
        cast(with_rates.ticket_count as integer) as ticket_count,
        cast(coalesce(repeats.repeat_demand_count, 0) as integer) as repeat_demand_count,
        {{ safe_ratio('coalesce(repeats.repeat_demand_count, 0)', 'with_rates.ticket_count') }} as repeat_demand_share,
        with_rates.result_satisfaction_rate,
        with_rates.process_satisfaction_rate,
        {% for _, _, name in answer_counts() %}
            cast(with_rates.{{ name }} as integer) as {{ name }},
        {% endfor %}
        cast(with_rates.town_handled_count as integer) as town_handled_count,
        {{ safe_ratio('with_rates.town_handled_count', 'with_rates.handled_count') }} as town_share,
        cast(with_rates.department_handled_count as integer) as department_handled_count,
        {{ safe_ratio('with_rates.department_handled_count', 'with_rates.handled_count') }} as department_share,
        cast(with_rates.enterprise_count as integer) as enterprise_count,
        {{ period_change('with_rates.enterprise_count', 'prev.enterprise_count') }} as enterprise_count_mom,
        {{ period_change('with_rates.enterprise_count', 'last_year.enterprise_count') }} as enterprise_count_yoy
    from with_rates
    inner join periods
        on with_rates.jurisdiction = periods.jurisdiction and with_rates.period_label = periods.period_label
    left join repeats
        on with_rates.jurisdiction = repeats.jurisdiction and with_rates.period_label = repeats.period_label
    left join with_rates as prev
        on with_rates.jurisdiction = prev.jurisdiction and periods.previous_period_label = prev.period_label
    left join with_rates as last_year
        on
            with_rates.jurisdiction = last_year.jurisdiction
            and periods.same_period_last_year_label = last_year.period_label
)

select * from final
