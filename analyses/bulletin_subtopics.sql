-- 三、民生热点问题 (其中 ...): the third-level categories of each hot topic, with
-- count, 同比 and 环比, largest first.
select
    breakdowns.parent_member as category_level_2,
    breakdowns.member as category_level_3,
    breakdowns.ticket_count,
    round(breakdowns.ticket_count_yoy * 100, 2) as yoy_pct,
    round(breakdowns.ticket_count_mom * 100, 2) as mom_pct
from {{ ref('fct_period_breakdowns') }} as breakdowns
where
    breakdowns.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and breakdowns.period_label = {{ bulletin_parameter('period') }}
    and breakdowns.dimension = 'category_level_3'
    and breakdowns.member <> '(none)'
order by breakdowns.parent_member asc, breakdowns.ticket_count desc, breakdowns.member asc
