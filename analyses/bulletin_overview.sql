-- 一、受理概况: the period's volume, 同比, 环比, daily average, the four rates and
-- the towns' and departments' shares (bulletin section one).
select
    overview.jurisdiction,
    overview.period_label,
    overview.first_day,
    overview.last_day,
    overview.days_in_period,
    overview.handled_count,
    round(overview.handled_count_yoy * 100, 2) as handled_count_yoy_pct,
    round(overview.handled_count_mom * 100, 2) as handled_count_mom_pct,
    round(overview.daily_average, 0) as daily_average,
    round(overview.response_rate * 100, 2) as response_rate_pct,
    round(overview.on_time_rate * 100, 2) as on_time_rate_pct,
    round(overview.resolution_rate * 100, 2) as resolution_rate_pct,
    round(overview.satisfaction_rate * 100, 2) as satisfaction_rate_pct,
    overview.town_handled_count,
    round(overview.town_share * 100, 2) as town_share_pct,
    overview.department_handled_count,
    round(overview.department_share * 100, 2) as department_share_pct,
    overview.enterprise_count,
    round(overview.enterprise_count_mom * 100, 2) as enterprise_count_mom_pct
from {{ ref('fct_period_overview') }} as overview
where
    overview.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and overview.period_label = {{ bulletin_parameter('period') }}
