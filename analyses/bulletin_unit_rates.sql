-- 二(二) 具体办理情况: per assessed unit of the period, its tier, volume and the
-- rates the sentences rank (解决率, 满意率, 办理时长, 市重办率, 解决率环比).
select
    rankings.tier_id,
    rankings.tier_sort_order,
    rankings.tier_label_zh,
    metrics.unit_name,
    -- 承办量: the platform's official count where its unit statistics are the basis
    case when metrics.rate_source = 'official' then metrics.assessed_handled_count else metrics.handled_count end
        as handled_count,
    metrics.resolution_rate,
    metrics.satisfaction_rate,
    metrics.avg_handling_workdays,
    metrics.city_redo_count * 1.0 / nullif(metrics.handled_count, 0) as city_redo_rate,
    rankings.resolution_rate_change,
    rankings.resolution_rise_rank,
    rankings.resolution_fall_rank
from {{ ref('fct_unit_period_rankings') }} as rankings
inner join {{ ref('fct_unit_period_metrics') }} as metrics
    on
        rankings.jurisdiction = metrics.jurisdiction
        and rankings.period_label = metrics.period_label
        and rankings.unit_id = metrics.unit_id
where
    rankings.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and rankings.period_label = {{ bulletin_parameter('period') }}
order by rankings.tier_sort_order, metrics.unit_name
