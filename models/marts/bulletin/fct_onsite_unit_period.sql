-- Provincial "接诉即办" tickets that require a visit within 2 hours, per
-- jurisdiction x period x unit that had any: count, on site in time, not, and how
-- the caller was met (bulletin table 5).
with

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
    where is_onsite_required and period_label is not null
),

units as (
    select * from {{ ref('dim_units') }}
),

counted as (
    select
        jurisdiction,
        period_label,
        unit_id,
        count(*) as onsite_ticket_count,
        sum(case when is_onsite_in_time then 1 else 0 end) as onsite_in_time_count,
        sum(case when is_onsite_in_time then 0 else 1 end) as onsite_late_count,
        sum(case when met_caller = 'met_on_site' then 1 else 0 end) as met_on_site_count,
        sum(case when met_caller = 'not_met_cross_region' then 1 else 0 end) as not_met_cross_region_count,
        sum(case when met_caller = 'not_needed' then 1 else 0 end) as meeting_not_needed_count
    from tickets
    group by jurisdiction, period_label, unit_id
),

final as (
    select
        counted.jurisdiction,
        counted.period_label,
        counted.unit_id,
        units.unit_name,
        cast(counted.onsite_ticket_count as integer) as onsite_ticket_count,
        cast(counted.onsite_in_time_count as integer) as onsite_in_time_count,
        cast(counted.onsite_late_count as integer) as onsite_late_count,
        cast(counted.met_on_site_count as integer) as met_on_site_count,
        cast(counted.not_met_cross_region_count as integer) as not_met_cross_region_count,
        cast(counted.meeting_not_needed_count as integer) as meeting_not_needed_count
    from counted
    inner join units on counted.unit_id = units.unit_id
)

select * from final
