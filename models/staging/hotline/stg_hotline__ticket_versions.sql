-- Every valid version of a ticket: one row per ticket per export file that carried it.
-- A ticket appears in several exports as it moves on (in progress -> closed, a
-- callback added, a redo). Which export is newest is read off the data, not the
-- file name: a file is as new as the latest lifecycle event it records; ties go
-- to the file loaded last.
{{ config(materialized='table') }}

with

ticket_rows as (
    select * from {{ ref('stg_hotline__ticket_rows') }}
),

valid_rows as (
    select *
    from ticket_rows
    where quarantine_reason_code is null and not is_exact_duplicate
),

file_as_of as (
    select
        _file_hash,
        max(coalesce(signed_at, assigned_at)) as latest_closed_or_assigned,
        max(received_at) as latest_received_at,
        max(closed_at) as latest_closed_at,
        max(returned_at) as latest_returned_at,
        max(onsite_at) as latest_onsite_at
    from valid_rows
    group by _file_hash
),

file_order as (
    select
        _file_hash,
        greatest(
            latest_closed_or_assigned,
            latest_received_at,
            coalesce(latest_closed_at, latest_received_at),
            coalesce(latest_returned_at, latest_received_at),
            coalesce(latest_onsite_at, latest_received_at)
        ) as file_as_of
    from file_as_of
),

ranked as (
    select
        valid_rows.*,
        file_order.file_as_of,
        row_number() over (
            partition by valid_rows.ticket_id
            order by file_order.file_as_of desc, valid_rows._loaded_at desc, valid_rows._source_file desc
        ) as recency_rank,
        count(*) over (partition by valid_rows.ticket_id) as version_count
    from valid_rows
    inner join file_order on valid_rows._file_hash = file_order._file_hash
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
