{#-
    repeat_links(tickets, places): the select of every link of `tickets` (a
    relation or CTE with int_tickets_enriched's columns) to earlier demands: one
    row per ticket with a caller phone hash (link_kind 'caller'), one per place
    of `places` the ticket's complaint names (link_kind 'place', keyed by place
    and category). link_id names the link by a hash in letters only; the phone
    hash and the key stay inside (what the chain windows carry is only this).
-#}
{% macro repeat_links(tickets, places) -%}
    {%- set carried = ['ticket_id', 'jurisdiction', 'period_label', 'unit_id', 'received_at', 'category_path',
                       'source_loaded_at'] -%}
    select
        {% for column in carried -%}
            linked.{{ column }},
        {% endfor -%}
        linked.link_kind,
        linked.place_name,
        {{ letters_hash(dbt.concat(['linked.jurisdiction', "'|'", 'linked.link_kind', "'|'", 'linked.link_key'])) }}
            as link_id
    from (
        select
            {% for column in carried -%}
                linked_tickets.{{ column }},
            {% endfor -%}
            'caller' as link_kind,
            linked_tickets.caller_phone_hash as link_key,
            cast(null as {{ dbt.type_string() }}) as place_name
        from {{ tickets }} as linked_tickets
        where linked_tickets.caller_phone_hash is not null
        union all
        select
            {% for column in carried -%}
                linked_tickets.{{ column }},
            {% endfor -%}
            'place' as link_kind,
            {{ dbt.concat(['linked_places.place_name', "'|'", 'linked_tickets.category_path']) }} as link_key,
            linked_places.place_name
        from {{ tickets }} as linked_tickets
        inner join {{ places }} as linked_places on linked_tickets.ticket_id = linked_places.ticket_id
    ) as linked
{%- endmacro %}
