-- A row returned here means a ticket was assigned on a day that no statistical
-- period of its jurisdiction covers (a gap in the period rule, such as the 23rd
-- and 24th under a 25th-to-22nd rule). It is a warning: the ticket is kept in
-- fct_tickets with a null period and counted in no bulletin.
{{ config(severity='warn') }}

select
    ticket_id,
    jurisdiction,
    assigned_at
from {{ ref('fct_tickets') }}
where period_label is null
