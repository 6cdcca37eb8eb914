-- 附件 1-3: the unit table of each tier (镇街; 部门 承办量 ≥ 50; < 50 in 东昌府区):
-- volume, component scores, deductions, 考核得分, 质效, 办理得分, and the tier's ranks.
select
    rankings.tier_sort_order,
    rankings.tier_label_zh,
    rankings.tier_id,
    rankings.rank_rule,
    scores.unit_name,
    scores.assessed_handled_count as handled_count,
    scores.response_score,
    scores.on_time_score,
    scores.resolution_score,
    scores.satisfaction_score,
    scores.other_components_score,
    scores.deduction,
    scores.assessment_score,
    rankings.assessment_rank,
    scores.quality_bonus,
    scores.total_score,
    rankings.handling_rank,
    rankings.sampling_rank,
    rankings.overall_rank
from {{ ref('fct_unit_period_rankings') }} as rankings
inner join {{ ref('fct_unit_period_scores') }} as scores
    on
        rankings.jurisdiction = scores.jurisdiction
        and rankings.period_label = scores.period_label
        and rankings.unit_id = scores.unit_id
where
    rankings.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and rankings.period_label = {{ bulletin_parameter('period') }}
order by rankings.tier_sort_order, rankings.overall_rank, scores.unit_name
