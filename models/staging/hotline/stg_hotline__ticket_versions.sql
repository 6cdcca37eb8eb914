-- Every valid version of a ticket: one row per ticket per export file that carried it.
-- A ticket appears in several exports as it moves on (in progress -> closed, a
-- callback added, a redo). Which export is newest is read off the data, not the
-- file name: a file is as new as the latest lifecycle event it records
-- (file_as_of, from stg_hotline__ticket_rows); ties go to the file loaded last.
-- Incremental: the tickets that appear in rows landed since the last run get all
-- their versions renumbered; no other ticket changes.
{{ config(
    materialized='incremental',
    incremental_strategy=incremental_strategy(),
    unique_key='ticket_id',
) }}

with

ticket_rows as (
    select * from {{ ref('stg_hotline__ticket_rows') }}
),

valid_rows as (
    select *
    from ticket_rows
    where quarantine_reason_code is null and not is_exact_duplicate
),

touched_tickets as (
    select distinct ticket_id
    from valid_rows
    where _loaded_at > {{ watermark('_loaded_at') }}
),

ranked as (
    select
        valid_rows.*,
        row_number() over (
            partition by valid_rows.ticket_id
            order by valid_rows.file_as_of desc, valid_rows._loaded_at desc, valid_rows._source_file desc
        ) as recency_rank,
        count(*) over (partition by valid_rows.ticket_id) as version_count
    from valid_rows
    inner join touched_tickets on valid_rows.ticket_id = touched_tickets.ticket_id
),

final as (
    select
        ticket_id,
        version_count - recency_rank + 1 as version_number,
        recency_rank = 1 as is_current,
        file_as_of,
        _source_file,
        _file_hash,
        _source_row,
        _loaded_at,
        jurisdiction,
        unit_id,
        unit_name_exported,
        received_at,
        channel,
        request_type,
        category_path,
        is_enterprise,
        urgency,
        assigned_at,
        signed_at,
        due_at,
        extension_granted,
        status,
        returned_at,
        closed_at,
        redo_count,
        is_city_redo,
        is_exempt,
        callback_resolution,
        callback_result_satisfaction,
        callback_process_satisfaction,
        is_city_sampled,
        city_resolution,
        city_process_satisfaction,
        is_onsite_required,
        onsite_at,
        met_caller,
        caller_phone_hash,
        content_scrubbed,
        reply_scrubbed
    from ranked
)

select * from final
