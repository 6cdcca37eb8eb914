-- Every valid version of a ticket: one row per ticket per export file that carried it.
-- A ticket appears in several exports as it moves on (in progress -> closed, a
-- callback added, a redo). Which version is newest is read off the data, not the
-- file name or the load order: first the ticket's own latest lifecycle event in
-- that row (ticket_as_of: received, assigned, signed, returned, closed, on site),
-- so a stale export loaded late never turns a closed ticket back into 办理中; then
-- how new the whole file is (file_as_of, from stg_hotline__ticket_rows); ties go to
-- the file loaded last. fct_state_regressions lists the stale arrivals.
-- Incremental: the tickets that appear in rows landed since the last run get all
-- their versions renumbered; no other ticket changes.
{{ config(
    materialized=ticket_grain_materialization(),
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

-- the staged rows are read apart here and in version_order, never through valid_rows:
-- DuckDB materialises a CTE read more than once, a copy of every staged row on every run
touched_tickets as (
    select distinct new_rows.ticket_id
    from {{ ref('stg_hotline__ticket_rows') }} as new_rows
    where
        new_rows.quarantine_reason_code is null
        and not new_rows.is_exact_duplicate
        and new_rows._loaded_at > {{ watermark('_loaded_at') }}
),

-- the order of each ticket's versions, worked out on a few narrow columns (a window over
-- the staged rows would sort every column, free text included) and joined back by row
version_order as (
    select
        ordered._file_hash,
        ordered._source_row,
        ordered.ticket_as_of,
        row_number() over (
            partition by ordered.ticket_id
            order by ordered.ticket_as_of desc, ordered.file_as_of desc, ordered._loaded_at desc, ordered._source_file desc
        ) as recency_rank,
        count(*) over (partition by ordered.ticket_id) as version_count
    from (
        select
            keyed.ticket_id,
            keyed._file_hash,
            keyed._source_row,
            keyed.file_as_of,
            keyed._loaded_at,
            keyed._source_file,
            greatest(
                keyed.received_at, keyed.assigned_at, keyed.signed_at,
                keyed.returned_at, keyed.closed_at, keyed.onsite_at
            ) as ticket_as_of
        from {{ ref('stg_hotline__ticket_rows') }} as keyed
        inner join touched_tickets on keyed.ticket_id = touched_tickets.ticket_id
        where keyed.quarantine_reason_code is null and not keyed.is_exact_duplicate
    ) as ordered
),

ranked as (
    select
        valid_rows.*,
        version_order.ticket_as_of,
        version_order.recency_rank,
        version_order.version_count
    from valid_rows
    inner join version_order
        on valid_rows._file_hash = version_order._file_hash and valid_rows._source_row = version_order._source_row
),

final as (
    select
        ticket_id,
        version_count - recency_rank + 1 as version_number,
        recency_rank = 1 as is_current,
        ticket_as_of,
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
        city_result_satisfaction,
        is_onsite_required,
        onsite_at,
        met_caller,
        caller_phone_hash,
        content_scrubbed,
        reply_scrubbed
    from ranked
)

select * from final
