{#-
    tickets_held_twice(rows): one row per (file, ticket) that `rows` (typed ticket rows
    with their row_fingerprint) holds more than once, and whether those rows differ
    (has_conflicting_rows: min <> max, since count(distinct) is not what every engine
    allows here). Grouped on narrow columns, so it is cheap over every row.
-#}
{% macro tickets_held_twice(rows) -%}
    select
        held._file_hash,
        held.ticket_id,
        min(held.row_fingerprint) <> max(held.row_fingerprint) as has_conflicting_rows
    from {{ rows }} as held
    where held.ticket_id is not null
    group by held._file_hash, held.ticket_id
    having count(*) > 1
{%- endmacro %}
