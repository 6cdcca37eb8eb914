-- A row returned here means a ticket needs a date the working-day calendar does
-- not know (past the chinesecalendar package's years and not in
-- ref_calendar_overrides): add the days to the override seed, never guess them.
select
    tickets.ticket_id,
    tickets.jurisdiction,
    tickets.assigned_at,
    tickets.closed_at,
    tickets.returned_at
from {{ new_rows(ref('int_tickets_enriched')) }} as tickets
where tickets.is_missing_calendar_day
