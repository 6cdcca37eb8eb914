-- A row returned here means a period's total (fct_period_overview) differs from
-- the sum of its units' handled counts or from the tickets staged in that period.
with

overview as (
    select
        jurisdiction,
        period_label,
        handled_count
    from {{ ref('fct_period_overview') }}
),

units as (
    select
        jurisdiction,
        period_label,
        sum(handled_count) as unit_total
    from {{ ref('fct_unit_period_metrics') }}
    group by jurisdiction, period_label
),

tickets as (
    select
        jurisdiction,
        period_label,
        count(*) as ticket_total
    from {{ ref('fct_tickets') }}
    where period_label is not null
    group by jurisdiction, period_label
)

select
    overview.*,
    units.unit_total,
    tickets.ticket_total
from overview
left join units on overview.jurisdiction = units.jurisdiction and overview.period_label = units.period_label
left join tickets on overview.jurisdiction = tickets.jurisdiction and overview.period_label = tickets.period_label
where
    overview.handled_count <> coalesce(units.unit_total, 0)
    or overview.handled_count <> coalesce(tickets.ticket_total, 0)
