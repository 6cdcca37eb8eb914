-- A row returned here means a ticket was assigned on a day that no statistical
-- period of its jurisdiction covers (a gap in the period rule, such as the 23rd
-- and 24th under a 25th-to-22nd rule). It is a warning: the ticket is kept in
-- fct_tickets with a null period and counted in no bulletin.
{{ config(severity='warn') }}

select
    tickets.ticket_id,
    tickets.jurisdiction,
    tickets.assigned_at
from {{ new_rows(ref('fct_tickets')) }} as tickets
where tickets.period_label is null
