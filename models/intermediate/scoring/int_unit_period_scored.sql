-- Weighted scores per jurisdiction x period x unit x scope, exactly as the
-- scheme says: component score = rate x weight, rounded (half-up or half-even)
-- to the scheme's decimals; the assessment score (考核得分) either adds the
-- rounded components (东昌府区 tables 1-3 print parts that add up) or rounds the
-- unrounded sum (东昌府区 table 4: 82.50 = round(20 + 26.088 + 36.416)), plus
-- deductions (减分项); the total (办理得分 / 综合得分) adds the quality bonus (质效).
-- The official rate wins where the platform published one.
with

rates as (
    select * from {{ ref('int_unit_period_rates') }}
),

schemes as (
    select * from {{ ref('int_scheme_periods') }}
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
        end as satisfaction_rate
    from rates
),

scored_parts as (
    select
        chosen.*,
        schemes.rounding_mode,
        schemes.score_decimals,
        schemes.round_components_before_sum,
        schemes.weight_response,
        schemes.weight_on_time,
        schemes.weight_resolution,
        schemes.weight_satisfaction,
        -- a rate with nothing to judge (empty denominator) scores by the scheme's policy
        {% for component in ['response', 'on_time', 'resolution', 'satisfaction'] %}
            cast(coalesce(
                chosen.{{ component }}_rate,
                case when schemes.empty_rate_policy = 'full_marks' then 1 else 0 end
            ) as decimal(18, 8)) * schemes.weight_{{ component }} as {{ component }}_points,
        {% endfor %}
        schemes.empty_rate_policy
    from chosen
    inner join schemes
        on
            chosen.jurisdiction = schemes.jurisdiction
            and chosen.period_label = schemes.period_label
            and chosen.scope = schemes.scope
),

rounded as (
    select
        scored_parts.*,
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
),

assessed as (
    select
        rounded.*,
        case
            when rounded.round_components_before_sum
                then rounded.response_score + rounded.on_time_score + rounded.resolution_score + rounded.satisfaction_score + rounded.deduction
            else {{ round_half(
                'response_points + on_time_points + resolution_points + satisfaction_points + deduction',
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
        cast(response_rate as decimal(18, 8)) as response_rate,
        cast(on_time_rate as decimal(18, 8)) as on_time_rate,
        cast(resolution_rate as decimal(18, 8)) as resolution_rate,
        cast(satisfaction_rate as decimal(18, 8)) as satisfaction_rate,
        weight_response,
        weight_on_time,
        weight_resolution,
        weight_satisfaction,
        cast(response_score as decimal(18, 6)) as response_score,
        cast(on_time_score as decimal(18, 6)) as on_time_score,
        cast(resolution_score as decimal(18, 6)) as resolution_score,
        cast(satisfaction_score as decimal(18, 6)) as satisfaction_score,
        cast(deduction as decimal(18, 6)) as deduction,
        cast(assessment_score as decimal(18, 6)) as assessment_score,
        cast(quality_bonus as decimal(18, 6)) as quality_bonus,
        cast(assessment_score + quality_bonus as decimal(18, 6)) as total_score,
        sampling_rank
    from assessed
)

select * from final
