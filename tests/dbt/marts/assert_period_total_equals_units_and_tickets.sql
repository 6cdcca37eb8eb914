-- A row returned here means a period's total (fct_period_overview) differs from
-- the sum of its units' volumes (official 承办量 where published, else tickets), or
-- its ticket count from the tickets staged in that period, or a period counted from
-- tickets (rate_source computed) has a total other than its tickets.
with

overview as (
    select
        jurisdiction,
        period_label,
        handled_count,
        ticket_count,
        rate_source
    from {{ ref('fct_period_overview') }}
),

units as (
    select
        jurisdiction,
        period_label,
        sum(assessed_handled_count) as unit_total,
        sum(handled_count) as unit_ticket_total
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
    units.unit_ticket_total,
    tickets.ticket_total
from overview
left join units on overview.jurisdiction = units.jurisdiction and overview.period_label = units.period_label
left join tickets on overview.jurisdiction = tickets.jurisdiction and overview.period_label = tickets.period_label
where
    overview.handled_count <> coalesce(units.unit_total, 0)
    or overview.ticket_count <> coalesce(units.unit_ticket_total, 0)
    or overview.ticket_count <> coalesce(tickets.ticket_total, 0)
    or (overview.rate_source = 'computed' and overview.handled_count <> overview.ticket_count)
