-- Component scores beyond the four built in (响应率, 按时办理率, 解决率, 满意率): each
-- such component of cfg_scheme_components is the ratio of two counts of
-- int_unit_period_rates (numerator / denominator), higher or lower better (a
-- lower-is-better rate such as 回退率 or 重办率 scores 1 - rate), turned into points by
-- the component's function (linear, clamp, steps) like the built-in ones. A ratio
-- with an empty denominator scores by the scheme's empty-rate policy. One row per
-- jurisdiction x period x unit x scope x component; int_unit_period_scored adds them up.
{% set measures = [
    'handled_count', 'closed_count', 'returned_count', 'in_progress_count', 'overdue_count', 'redo_count',
    'city_redo_count', 'rated_count', 'responded_count', 'signed_count', 'rated_returned_count',
    'returned_on_time_count', 'due_count', 'due_closed_count', 'on_time_count', 'on_time_denominator_count',
] %}
with

rates as (
    select * from {{ ref('int_unit_period_rates') }}
),

schemes as (
    select * from {{ ref('int_scheme_periods') }}
),

components as (
    select * from {{ ref('cfg_scheme_components') }}
    where component not in ('response', 'on_time', 'resolution', 'satisfaction')
),

steps as (
    select * from {{ ref('cfg_score_steps') }}
),

ratios as (
    select
        rates.jurisdiction,
        rates.period_label,
        rates.unit_id,
        rates.scope,
        components.scheme_id,
        components.component,
        components.component_zh,
        components.weight,
        components.direction,
        components.score_function,
        components.slope,
        components.intercept,
        components.min_points,
        components.max_points,
        schemes.empty_rate_policy,
        case components.numerator
            {%- for measure in measures %}
                when '{{ measure }}' then rates.{{ measure }}
            {%- endfor %}
        end as numerator_value,
        case components.denominator
            {%- for measure in measures %}
                when '{{ measure }}' then rates.{{ measure }}
            {%- endfor %}
        end as denominator_value
    from rates
    inner join schemes
        on
            rates.jurisdiction = schemes.jurisdiction
            and rates.period_label = schemes.period_label
            and rates.scope = schemes.scope
    inner join components on schemes.scheme_id = components.scheme_id
),

valued as (
    select
        ratios.*,
        {{ safe_ratio('ratios.numerator_value', 'ratios.denominator_value') }} as rate,
        cast(coalesce(
            case
                when ratios.direction = 'lower'
                    then 1 - {{ safe_ratio('ratios.numerator_value', 'ratios.denominator_value') }}
                else {{ safe_ratio('ratios.numerator_value', 'ratios.denominator_value') }}
            end,
            case when ratios.empty_rate_policy = 'full_marks' then 1 else 0 end
        ) as decimal(18, 8)) as value_used
    from ratios
),

reached as (
    select
        valued.jurisdiction,
        valued.period_label,
        valued.unit_id,
        valued.scope,
        valued.component,
        steps.points,
        row_number() over (
            partition by valued.jurisdiction, valued.period_label, valued.unit_id, valued.scope, valued.component
            order by steps.min_rate_pct desc
        ) as band_rank
    from valued
    inner join steps
        on
            valued.scheme_id = steps.scheme_id
            and valued.component = steps.component
            and valued.value_used * 100 >= steps.min_rate_pct
    where valued.score_function = 'steps'
),

final as (
    select
        valued.jurisdiction,
        valued.period_label,
        valued.unit_id,
        valued.scope,
        valued.component,
        valued.component_zh,
        valued.direction,
        valued.rate,
        {{ score_points(
            'valued.score_function', 'valued.value_used', 'valued.weight', 'valued.slope', 'valued.intercept',
            'valued.min_points', 'valued.max_points', 'reached.points'
        ) }} as points
    from valued
    left join reached
        on
            valued.jurisdiction = reached.jurisdiction
            and valued.period_label = reached.period_label
            and valued.unit_id = reached.unit_id
            and valued.scope = reached.scope
            and valued.component = reached.component
            and reached.band_rank = 1
)

select * from final
