-- One row per jurisdiction x period x unit and scheme (all tickets): every
-- component score, deductions (减分项), 考核得分, 质效 and 办理得分 / 综合得分,
-- rounded exactly as the scheme says (see int_unit_period_scored).
with

scored as (
    select * from {{ ref('int_unit_period_scored') }}
    where scope = 'all'
),

units as (
    select * from {{ ref('dim_units') }}
),

final as (
    select
        scored.jurisdiction,
        scored.period_label,
        scored.unit_id,
        units.unit_name,
        units.unit_kind,
        units.is_assessed,
        scored.scheme_id,
        scored.rate_source,
        scored.assessed_handled_count,
        scored.response_rate,
        scored.on_time_rate,
        scored.resolution_rate,
        scored.satisfaction_rate,
        scored.response_score,
        scored.on_time_score,
        scored.resolution_score,
        scored.satisfaction_score,
        scored.other_components_score,
        scored.deduction,
        scored.assessment_score,
        scored.quality_bonus,
        scored.total_score
    from scored
    inner join units on scored.unit_id = units.unit_id
)

select * from final
