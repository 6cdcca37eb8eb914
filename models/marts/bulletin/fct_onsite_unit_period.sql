-- Provincial "接诉即办" tickets that require a visit within 2 hours, per
-- jurisdiction x period x unit that had any: count, on site in time, not, and how
-- the caller was met (bulletin table 5). Counted in int_unit_period_rates' scan.
with

rates as (
    select * from {{ ref('int_unit_period_rates') }}
    where scope = 'all' and onsite_ticket_count > 0
),

units as (
    select * from {{ ref('dim_units') }}
),

final as (
    select
        rates.jurisdiction,
        rates.period_label,
        rates.unit_id,
        units.unit_name,
        rates.onsite_ticket_count,
        rates.onsite_in_time_count,
        rates.onsite_ticket_count - rates.onsite_in_time_count as onsite_late_count,
        rates.met_on_site_count,
        rates.not_met_cross_region_count,
        rates.meeting_not_needed_count
    from rates
    inner join units on rates.unit_id = units.unit_id
)

select * from final
