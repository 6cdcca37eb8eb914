-- 一、受理概况 (continued): channel mix (各渠道受理量) and request-type mix (来电类别),
-- with count, share, 同比 and 环比, largest first.
select
    breakdowns.dimension,
    breakdowns.member,
    breakdowns.member_label_zh,
    breakdowns.ticket_count,
    round(breakdowns.share * 100, 2) as share_pct,
    round(breakdowns.ticket_count_yoy * 100, 2) as yoy_pct,
    round(breakdowns.ticket_count_mom * 100, 2) as mom_pct
from {{ ref('fct_period_breakdowns') }} as breakdowns
where
    breakdowns.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and breakdowns.period_label = {{ bulletin_parameter('period') }}
    and breakdowns.dimension in ('channel', 'request_type')
order by breakdowns.dimension asc, breakdowns.ticket_count desc, breakdowns.member_label_zh asc
