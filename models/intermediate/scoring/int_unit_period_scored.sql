-- Weighted scores per jurisdiction x period x unit x scope, exactly as the
-- scheme says: component score = the component's score function of its rate
-- (linear: rate x weight; clamp: slope x rate% + intercept held between two
-- bounds; steps: the points of the highest band reached), rounded (half-up or half-even)
-- to the scheme's decimals; the assessment score (考核得分) either adds the
-- rounded components (东昌府区 tables 1-3 print parts that add up) or rounds the
-- unrounded sum (东昌府区 table 4: 82.50 = round(20 + 26.088 + 36.416)), plus
-- deductions (减分项); the total (办理得分 / 综合得分) adds the quality bonus (质效).
-- The official rate wins where the platform published one; a component whose
-- rate_source is city_sampling scores the city's weighed sampled rate instead
-- (a unit the city did not sample has none: the empty-rate policy applies).
{% set components = ['response', 'on_time', 'resolution', 'satisfaction'] %}
with

rates as (
    select * from {{ ref('int_unit_period_rates') }}
),

schemes as (
    select * from {{ ref('int_scheme_periods') }}
),

steps as (
    select * from {{ ref('cfg_score_steps') }}
),

other_components as (
    -- components beyond the four built in (int_unit_period_component_points)
    select * from {{ ref('int_unit_period_component_points') }}
),

input_rows as (
    select * from {{ ref('stg_hotline__assessment_inputs') }}
    where quarantine_reason_code is null
),

inputs as (
    -- the newest-loaded inputs row per unit and period
    {{ newest_loaded('input_rows', ['jurisdiction', 'period_label', 'unit_id']) }}
),

chosen as (
    select
        rates.jurisdiction,
        rates.period_label,
        rates.unit_id,
        rates.scope,
        rates.scheme_id,
        rates.rate_source,
        coalesce(rates.official_handled_count, rates.handled_count) as assessed_handled_count,
        case when rates.rate_source = 'official' then rates.official_response_rate else rates.computed_response_rate end
            as response_rate,
        case when rates.rate_source = 'official' then rates.official_on_time_rate else rates.computed_on_time_rate end
            as on_time_rate,
        case
            when rates.rate_source = 'official' then rates.official_resolution_rate else rates.computed_resolution_rate
        end as resolution_rate,
        case
            when rates.rate_source = 'official' then rates.official_satisfaction_rate
            else rates.computed_satisfaction_rate
        end as satisfaction_rate,
        -- the city's sampled rates (市级抽访), for components a scheme scores on them
        cast(null as {{ type_double() }}) as sampled_response_rate,
        cast(null as {{ type_double() }}) as sampled_on_time_rate,
        rates.sampled_resolution_rate,
        rates.sampled_satisfaction_rate
    from rates
),

effective as (
    -- a rate with nothing to judge (empty denominator) scores by the scheme's policy
    select
        chosen.*,
        schemes.scheme_id as effective_scheme_id,
        schemes.rounding_mode,
        schemes.score_decimals,
        schemes.round_components_before_sum,
        schemes.empty_rate_policy,
        {% for component in components %}
            schemes.weight_{{ component }},
            schemes.score_function_{{ component }},
            schemes.slope_{{ component }},
            schemes.intercept_{{ component }},
            schemes.min_points_{{ component }},
            schemes.max_points_{{ component }},
            case
                when schemes.rate_source_{{ component }} = 'city_sampling' then chosen.sampled_{{ component }}_rate
                else chosen.{{ component }}_rate
            end as {{ component }}_rate_sourced,
            cast(coalesce(
                case
                    when schemes.rate_source_{{ component }} = 'city_sampling' then chosen.sampled_{{ component }}_rate
                    else chosen.{{ component }}_rate
                end,
                case when schemes.empty_rate_policy = 'full_marks' then 1 else 0 end
            ) as decimal(18, 8)) as {{ component }}_rate_used{% if not loop.last %},{% endif %}
        {% endfor %}
    from chosen
    inner join schemes
        on
            chosen.jurisdiction = schemes.jurisdiction
            and chosen.period_label = schemes.period_label
            and chosen.scope = schemes.scope
),

reached_steps as (
    -- every band of a stepped component the unit's rate reaches; the highest counts
    {% for component in components %}
        select
            effective.jurisdiction,
            effective.period_label,
            effective.unit_id,
            effective.scope,
            '{{ component }}' as component,
            steps.min_rate_pct,
            steps.points
        from effective
        inner join steps
            on
                effective.effective_scheme_id = steps.scheme_id
                and steps.component = '{{ component }}'
                and effective.{{ component }}_rate_used * 100 >= steps.min_rate_pct
        where effective.score_function_{{ component }} = 'steps'
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

ranked_steps as (
    select
        reached_steps.*,
        row_number() over (
            partition by
                reached_steps.jurisdiction,
                reached_steps.period_label,
                reached_steps.unit_id,
                reached_steps.scope,
                reached_steps.component
            order by reached_steps.min_rate_pct desc
        ) as band_rank
    from reached_steps
),

step_points as (
    select
        jurisdiction,
        period_label,
        unit_id,
        scope,
        {% for component in components %}
            max(case when component = '{{ component }}' and band_rank = 1 then points end)
                as {{ component }}_step_points{% if not loop.last %},{% endif %}
        {% endfor %}
    from ranked_steps
    group by jurisdiction, period_label, unit_id, scope
),

scored_parts as (
    select
        effective.*,
        {% for component in components %}
            {{ score_points(
                'effective.score_function_' ~ component,
                'effective.' ~ component ~ '_rate_used',
                'effective.weight_' ~ component,
                'effective.slope_' ~ component,
                'effective.intercept_' ~ component,
                'effective.min_points_' ~ component,
                'effective.max_points_' ~ component,
                'step_points.' ~ component ~ '_step_points',
            ) }} as {{ component }}_points{% if not loop.last %},{% endif %}
        {% endfor %}
    from effective
    left join step_points
        on
            effective.jurisdiction = step_points.jurisdiction
            and effective.period_label = step_points.period_label
            and effective.unit_id = step_points.unit_id
            and effective.scope = step_points.scope
),

other_points as (
    -- each rounded as the scheme rounds, then summed
    select
        other_components.jurisdiction,
        other_components.period_label,
        other_components.unit_id,
        other_components.scope,
        count(*) as other_count,
        sum(other_components.points) as other_points,
        sum({{ round_half('other_components.points', 'scored_parts.score_decimals', 'scored_parts.rounding_mode') }})
            as other_score
    from other_components
    inner join scored_parts
        on
            other_components.jurisdiction = scored_parts.jurisdiction
            and other_components.period_label = scored_parts.period_label
            and other_components.unit_id = scored_parts.unit_id
            and other_components.scope = scored_parts.scope
    group by
        other_components.jurisdiction, other_components.period_label, other_components.unit_id, other_components.scope
),

rounded as (
    select
        scored_parts.*,
        coalesce(other_points.other_count, 0) as other_count,
        coalesce(other_points.other_points, 0) as other_points,
        coalesce(other_points.other_score, 0) as other_score,
        {{ round_half('response_points', 'score_decimals', 'rounding_mode') }} as response_score,
        {{ round_half('on_time_points', 'score_decimals', 'rounding_mode') }} as on_time_score,
        {{ round_half('resolution_points', 'score_decimals', 'rounding_mode') }} as resolution_score,
        {{ round_half('satisfaction_points', 'score_decimals', 'rounding_mode') }} as satisfaction_score,
        case when scored_parts.scope = 'all' then coalesce(inputs.deduction, 0) else 0 end as deduction,
        case when scored_parts.scope = 'all' then coalesce(inputs.quality_bonus, 0) else 0 end as quality_bonus,
        case when scored_parts.scope = 'all' then inputs.sampling_rank end as sampling_rank
    from scored_parts
    left join inputs
        on
            scored_parts.jurisdiction = inputs.jurisdiction
            and scored_parts.period_label = inputs.period_label
            and scored_parts.unit_id = inputs.unit_id
    left join other_points
        on
            scored_parts.jurisdiction = other_points.jurisdiction
            and scored_parts.period_label = other_points.period_label
            and scored_parts.unit_id = other_points.unit_id
            and scored_parts.scope = other_points.scope
),

assessed as (
    select
        rounded.*,
        case
            when rounded.round_components_before_sum
                then
                    rounded.response_score + rounded.on_time_score + rounded.resolution_score + rounded.satisfaction_score
                    + rounded.other_score + rounded.deduction
            else {{ round_half(
                'response_points + on_time_points + resolution_points + satisfaction_points + other_points + deduction',
                'score_decimals', 'rounding_mode') }}
        end as assessment_score
    from rounded
),

final as (
    select
        jurisdiction,
        period_label,
        unit_id,
        scope,
        scheme_id,
        rate_source,
        cast(assessed_handled_count as integer) as assessed_handled_count,
        cast(response_rate_sourced as decimal(18, 8)) as response_rate,
        cast(on_time_rate_sourced as decimal(18, 8)) as on_time_rate,
        cast(resolution_rate_sourced as decimal(18, 8)) as resolution_rate,
        cast(satisfaction_rate_sourced as decimal(18, 8)) as satisfaction_rate,
        weight_response,
        weight_on_time,
        weight_resolution,
        weight_satisfaction,
        cast(response_score as decimal(18, 6)) as response_score,
        cast(on_time_score as decimal(18, 6)) as on_time_score,
        cast(resolution_score as decimal(18, 6)) as resolution_score,
        cast(satisfaction_score as decimal(18, 6)) as satisfaction_score,
        cast(other_score as decimal(18, 6)) as other_components_score,
        cast(deduction as decimal(18, 6)) as deduction,
        cast(assessment_score as decimal(18, 6)) as assessment_score,
        cast(quality_bonus as decimal(18, 6)) as quality_bonus,
        cast(assessment_score + quality_bonus as decimal(18, 6)) as total_score,
        sampling_rank
    from assessed
    -- a scheme without components (a department's report of counts and rates) scores nothing
    where weight_response + weight_on_time + weight_resolution + weight_satisfaction > 0 or other_count > 0
)

select * from final
