-- A row returned here means a ticket needs a date the working-day calendar does
-- not know (past the chinesecalendar package's years and not in
-- ref_calendar_overrides): add the days to the override seed, never guess them.
select
    ticket_id,
    jurisdiction,
    assigned_at,
    closed_at,
    returned_at
from {{ ref('int_tickets_enriched') }}
where is_missing_calendar_day
