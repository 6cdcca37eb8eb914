-- 四、企业诉求办理情况 / 附件 4: enterprise demands per unit, rates, scores and rank.
select
    enterprise.unit_name,
    enterprise.handled_count,
    round(enterprise.on_time_rate * 100, 2) as on_time_rate_pct,
    enterprise.on_time_score,
    round(enterprise.resolution_rate * 100, 2) as resolution_rate_pct,
    enterprise.resolution_score,
    round(enterprise.satisfaction_rate * 100, 2) as satisfaction_rate_pct,
    enterprise.satisfaction_score,
    enterprise.total_score,
    enterprise.enterprise_rank
from {{ ref('fct_enterprise_unit_period') }} as enterprise
where
    enterprise.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and enterprise.period_label = {{ bulletin_parameter('period') }}
order by enterprise.enterprise_rank asc, enterprise.handled_count desc, enterprise.unit_name asc
