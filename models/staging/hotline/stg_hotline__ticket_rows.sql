-- Every raw ticket row, typed and cleaned, with the verdict of validation: the rule the
-- row breaks on its own (base_hotline__ticket_rows), else duplicate_conflict when its
-- file holds the ticket in rows that differ; an identical repeat of a row within its
-- file is an exact duplicate, neither staged nor quarantined. One row per raw row.
-- Rows with a quarantine_reason_code go to stg_hotline__quarantine; the rest, but for
-- exact duplicates, become ticket versions. A view: the wide rows are written once, in
-- the base model; the file facts come from two narrow tables joined on by row and file.

with

ticket_rows as (
    select * from {{ ref('base_hotline__ticket_rows') }}
),

repeated_rows as (
    select * from {{ ref('base_hotline__repeated_rows') }}
),

export_files as (
    select * from {{ ref('base_hotline__export_files') }}
),

final as (
    select
        ticket_rows._source_file,
        ticket_rows._file_hash,
        ticket_rows._source_row,
        ticket_rows._loaded_at,
        export_files.file_as_of,
        ticket_rows.ticket_id,
        ticket_rows.jurisdiction,
        ticket_rows.unit_id,
        ticket_rows.unit_name_exported,
        ticket_rows.received_at,
        ticket_rows.channel,
        ticket_rows.request_type,
        ticket_rows.category_path,
        ticket_rows.is_enterprise,
        ticket_rows.urgency,
        ticket_rows.assigned_at,
        ticket_rows.signed_at,
        ticket_rows.due_at,
        ticket_rows.extension_granted,
        ticket_rows.status,
        ticket_rows.returned_at,
        ticket_rows.closed_at,
        ticket_rows.redo_count,
        ticket_rows.is_city_redo,
        ticket_rows.is_exempt,
        ticket_rows.callback_resolution,
        ticket_rows.callback_result_satisfaction,
        ticket_rows.callback_process_satisfaction,
        ticket_rows.is_city_sampled,
        ticket_rows.city_resolution,
        ticket_rows.city_process_satisfaction,
        ticket_rows.city_result_satisfaction,
        ticket_rows.is_onsite_required,
        ticket_rows.onsite_at,
        ticket_rows.met_caller,
        ticket_rows.caller_phone_hash,
        ticket_rows.content_scrubbed,
        ticket_rows.reply_scrubbed,
        -- a second identical row of a ticket in one file is a repeat, not a conflict
        (
            ticket_rows.row_reason_code is null
            and not coalesce(repeated_rows.has_conflicting_rows, false)
            and coalesce(repeated_rows.fingerprint_occurrence, 1) > 1
        ) as is_exact_duplicate,
        coalesce(ticket_rows.row_reason_code, case when repeated_rows.has_conflicting_rows then 'duplicate_conflict' end)
            as quarantine_reason_code,
        coalesce(ticket_rows.row_reason_column, case when repeated_rows.has_conflicting_rows then 'ticket_id' end)
            as quarantine_column
    from ticket_rows
    left join repeated_rows
        on ticket_rows._file_hash = repeated_rows._file_hash and ticket_rows._source_row = repeated_rows._source_row
    inner join export_files on ticket_rows._file_hash = export_files._file_hash
)

select * from final
