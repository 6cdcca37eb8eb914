-- A row returned here means the members of a breakdown do not add up to the
-- period's total: the ticket mixes (channel, request type, category levels) to its
-- tickets, the unit groups to its volume (official 承办量 where published).
with

breakdowns as (
    select
        jurisdiction,
        period_label,
        dimension,
        sum(ticket_count) as member_total
    from {{ ref('fct_period_breakdowns') }}
    group by jurisdiction, period_label, dimension
),

overview as (
    select
        jurisdiction,
        period_label,
        handled_count,
        ticket_count
    from {{ ref('fct_period_overview') }}
)

select
    breakdowns.*,
    overview.handled_count,
    overview.ticket_count
from breakdowns
inner join overview
    on breakdowns.jurisdiction = overview.jurisdiction and breakdowns.period_label = overview.period_label
where
    breakdowns.member_total
    <> case when breakdowns.dimension = 'unit_group' then overview.handled_count else overview.ticket_count end
