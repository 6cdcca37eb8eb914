{#-
    changed_ticket_periods(tickets, loaded_at_column): the (jurisdiction,
    period_label) pairs of tickets landed after this model's watermark — the
    periods an incremental run must rebuild because of new tickets. In a full
    build: every period that has tickets.
-#}
{% macro changed_ticket_periods(tickets, loaded_at_column='source_loaded_at') -%}
    select distinct jurisdiction, period_label
    from {{ tickets }}
    where period_label is not null and {{ loaded_at_column }} > {{ watermark(loaded_at_column) }}
{%- endmacro %}
