-- The rows of each ticket a file holds more than once, and what each is: all rows of a
-- ticket whose rows differ conflict (quarantined as duplicate_conflict); among identical
-- rows, every one after the first is an exact duplicate (fingerprint_occurrence > 1).
-- Only the files base_hotline__export_files counts repeats in are read; incremental: a
-- run adds those loaded since the last one.
{{ config(
    materialized='incremental',
    incremental_strategy=append_strategy(),
) }}

with

files_with_repeats as (
    select _file_hash
    from {{ ref('base_hotline__export_files') }}
    where repeated_ticket_count > 0 and _loaded_at > {{ watermark('_loaded_at') }}
),

file_rows as (
    select
        _file_hash,
        _source_row,
        _loaded_at,
        ticket_id,
        row_fingerprint
    from {{ ref('base_hotline__ticket_rows') }}
    where
        _loaded_at > {{ watermark('_loaded_at') }}
        and _file_hash in (select files_with_repeats._file_hash from files_with_repeats)
),

held_twice as (
    {{ tickets_held_twice('file_rows') }}
),

final as (
    select
        file_rows._file_hash,
        file_rows._source_row,
        file_rows._loaded_at,
        file_rows.ticket_id,
        held_twice.has_conflicting_rows,
        row_number() over (
            partition by file_rows._file_hash, file_rows.ticket_id, file_rows.row_fingerprint
            order by file_rows._source_row
        ) as fingerprint_occurrence
    from file_rows
    inner join held_twice
        on file_rows._file_hash = held_twice._file_hash and file_rows.ticket_id = held_twice.ticket_id
)

select * from final
