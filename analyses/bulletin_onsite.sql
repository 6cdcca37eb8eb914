-- 附件 5: provincial 接诉即办 tickets requiring a visit within 2 hours, per unit,
-- with the total row (合计) last.
select
    coalesce(onsite.unit_name, '合计') as unit_name,
    sum(onsite.onsite_ticket_count) as onsite_ticket_count,
    sum(onsite.onsite_in_time_count) as onsite_in_time_count,
    sum(onsite.onsite_late_count) as onsite_late_count,
    sum(onsite.met_on_site_count) as met_on_site_count,
    sum(onsite.not_met_cross_region_count) as not_met_cross_region_count,
    sum(onsite.meeting_not_needed_count) as meeting_not_needed_count
from {{ ref('fct_onsite_unit_period') }} as onsite
where
    onsite.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and onsite.period_label = {{ bulletin_parameter('period') }}
group by rollup(onsite.unit_name)
having count(onsite.unit_id) > 0
order by onsite.unit_name is null, sum(onsite.onsite_ticket_count) desc, onsite.unit_name
