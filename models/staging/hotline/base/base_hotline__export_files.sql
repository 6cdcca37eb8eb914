-- One row per ticket export file: how new the file is, and how many of its tickets it
-- holds more than once. A file is as new as the latest lifecycle event its valid rows
-- record (no rule broken, not a ticket with conflicting rows in the file): that, not the
-- file's name or load time, decides which export of a ticket is the newest.
-- Read off narrow columns of base_hotline__ticket_rows; incremental: a run adds the files
-- loaded since the last one (a file's facts never change).
{{ config(
    materialized='incremental',
    incremental_strategy=append_strategy(),
) }}

with

new_rows as (
    select
        _file_hash,
        _source_file,
        _loaded_at,
        ticket_id,
        row_reason_code,
        row_event_at,
        row_fingerprint
    from {{ ref('base_hotline__ticket_rows') }}
    where _loaded_at > {{ watermark('_loaded_at') }}
),

held_twice as (
    {{ tickets_held_twice('new_rows') }}
),

final as (
    select
        new_rows._file_hash,
        max(new_rows._source_file) as _source_file,
        max(new_rows._loaded_at) as _loaded_at,
        max(
            case
                when new_rows.row_reason_code is null and not coalesce(held_twice.has_conflicting_rows, false)
                    then new_rows.row_event_at
            end
        ) as file_as_of,
        count(distinct held_twice.ticket_id) as repeated_ticket_count,
        count(distinct case when held_twice.has_conflicting_rows then held_twice.ticket_id end) as conflicting_ticket_count
    from new_rows
    left join held_twice
        on new_rows._file_hash = held_twice._file_hash and new_rows.ticket_id = held_twice.ticket_id
    group by new_rows._file_hash
)

select * from final
