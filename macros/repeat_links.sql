{#-
    repeat_links(tickets, places): the select of every link of `tickets` (a
    relation or CTE of int_tickets_enriched's columns) to earlier demands: one
    row per ticket with a caller phone hash (link_kind 'caller'), one per place
    of `places` the ticket's complaint names (link_kind 'place', keyed by place
    and category). link_id names the link by a hash in letters only; the phone
    hash and the key stay inside (what the chain windows carry is only this).
-#}
{% macro repeat_links(tickets, places) -%}
    select
        linked.ticket_id,
        linked.jurisdiction,
        linked.period_label,
        linked.unit_id,
        linked.received_at,
        linked.category_path,
        linked.source_loaded_at,
        linked.link_kind,
        linked.place_name,
        {{ letters_hash(dbt.concat(['linked.jurisdiction', "'|'", 'linked.link_kind', "'|'", 'linked.link_key'])) }}
            as link_id
    from (
        select
            {{ tickets }}.*,
            'caller' as link_kind,
            {{ tickets }}.caller_phone_hash as link_key,
            cast(null as {{ dbt.type_string() }}) as place_name
        from {{ tickets }}
        where {{ tickets }}.caller_phone_hash is not null
        union all
        select
            {{ tickets }}.*,
            'place' as link_kind,
            {{ dbt.concat([places ~ '.place_name', "'|'", tickets ~ '.category_path']) }} as link_key,
            {{ places }}.place_name
        from {{ tickets }}
        inner join {{ places }} on {{ tickets }}.ticket_id = {{ places }}.ticket_id
    ) as linked
{%- endmacro %}
