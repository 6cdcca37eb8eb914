-- 二(一) 承办单位考核情况: the top and bottom lists (前三名 / 后三名) of each tier.
select
    rankings.tier_sort_order,
    rankings.tier_label_zh,
    case when rankings.is_top_list then '前' else '后' end as list_zh,
    rankings.unit_name,
    rankings.overall_rank
from {{ ref('fct_unit_period_rankings') }} as rankings
where
    rankings.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and rankings.period_label = {{ bulletin_parameter('period') }}
    and (rankings.is_top_list or rankings.is_bottom_list)
order by rankings.tier_sort_order asc, rankings.is_top_list desc, rankings.overall_rank asc, rankings.unit_name asc
