-- The places a ticket's complaint names (主要涉及 of the bulletin's hot topics),
-- extracted from the scrubbed text: one row per ticket and place, and one row
-- with a null place for a ticket that names none (so that a newer version of a
-- ticket that no longer names a place replaces the old rows).
-- A place is never personal data: the text is scrubbed first, and the pattern
-- takes Chinese characters only, so digits (phones, house numbers) never enter.
-- Incremental: only tickets whose newest version was landed since the last run.
{{ config(
    materialized=ticket_grain_materialization(),
    incremental_strategy=incremental_strategy(),
    unique_key='ticket_id',
) }}

with

tickets as (
    select
        ticket_id,
        _loaded_at
    from {{ ref('stg_hotline__tickets') }}
    where _loaded_at > {{ watermark('source_loaded_at') }}
),

-- the text is read apart, never through `tickets`: DuckDB materialises a CTE read
-- twice, and this one would copy every ticket's text
matches as (
    select
        texts.ticket_id,
        {{ unnest_places('texts.content_scrubbed') }} as place_name
    from {{ ref('stg_hotline__tickets') }} as texts
    where texts._loaded_at > {{ watermark('source_loaded_at') }}
),

places as (
    select distinct
        ticket_id,
        place_name
    from matches
    where
        place_name is not null
        {%- for prefix in var('place_stop_prefixes') %}
            and place_name not like '{{ prefix }}%'
        {%- endfor %}
),

final as (
    select
        tickets.ticket_id,
        places.place_name,
        {{ place_kind('places.place_name') }} as place_kind,
        tickets._loaded_at as source_loaded_at
    from tickets
    left join places on tickets.ticket_id = places.ticket_id
)

select * from final
