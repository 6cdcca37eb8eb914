-- A row returned here means the members of a breakdown (channel, request type,
-- category level, unit group) do not add up to the period's total tickets.
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
        handled_count
    from {{ ref('fct_period_overview') }}
)

select
    breakdowns.*,
    overview.handled_count
from breakdowns
inner join overview
    on breakdowns.jurisdiction = overview.jurisdiction and breakdowns.period_label = overview.period_label
where breakdowns.member_total <> overview.handled_count
