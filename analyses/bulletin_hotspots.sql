-- 三、民生热点问题: the hot topics with count, share, 同比, 环比 and the units that
-- handled most of them.
select
    hotspots.hotspot_rank,
    hotspots.category_level_1,
    hotspots.category_level_2,
    hotspots.ticket_count,
    round(hotspots.share * 100, 2) as share_pct,
    round(hotspots.ticket_count_yoy * 100, 2) as yoy_pct,
    round(hotspots.ticket_count_mom * 100, 2) as mom_pct,
    hotspots.top_units
from {{ ref('fct_hotspots') }} as hotspots
where
    hotspots.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and hotspots.period_label = {{ bulletin_parameter('period') }}
    and hotspots.hotspot_rank <= 5
order by hotspots.hotspot_rank, hotspots.category_level_2
