-- 二(二) 具体办理情况: per tier, the three units whose 解决率 / 满意率 rose most and fell
-- most against the previous period (解决率环比提高的前三名 / 下降幅度较大).
select
    rankings.tier_sort_order,
    rankings.tier_label_zh,
    movers.measure,
    movers.direction,
    rankings.unit_name,
    round(movers.change * 100, 2) as change_pp
from {{ ref('fct_unit_period_rankings') }} as rankings
inner join (
    select jurisdiction, period_label, unit_id, 'resolution' as measure, 'rise' as direction,
        resolution_rate_change as change, resolution_rise_rank as position
    from {{ ref('fct_unit_period_rankings') }}
    union all
    select jurisdiction, period_label, unit_id, 'resolution', 'fall', resolution_rate_change, resolution_fall_rank
    from {{ ref('fct_unit_period_rankings') }}
    union all
    select jurisdiction, period_label, unit_id, 'satisfaction', 'rise', satisfaction_rate_change, satisfaction_rise_rank
    from {{ ref('fct_unit_period_rankings') }}
    union all
    select jurisdiction, period_label, unit_id, 'satisfaction', 'fall', satisfaction_rate_change, satisfaction_fall_rank
    from {{ ref('fct_unit_period_rankings') }}
) as movers
    on
        rankings.jurisdiction = movers.jurisdiction
        and rankings.period_label = movers.period_label
        and rankings.unit_id = movers.unit_id
where
    rankings.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and rankings.period_label = {{ bulletin_parameter('period') }}
    and movers.position <= 3
    and ((movers.direction = 'rise' and movers.change > 0) or (movers.direction = 'fall' and movers.change < 0))
order by rankings.tier_sort_order, movers.measure, movers.direction, movers.position, rankings.unit_name
