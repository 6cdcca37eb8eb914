-- Every raw ticket row, typed and cleaned, with the first rule it breaks on its own.
-- One row per raw row (file hash x record number): nothing is dropped here.
-- What needs the whole file (a ticket's exact repeats and conflicting rows, the
-- file's as-of time) is found on narrow columns of this table, in
-- base_hotline__export_files and base_hotline__repeated_rows, and joined on in
-- stg_hotline__ticket_rows: the wide rows are computed and written once.
-- Personal data stops here: the caller's name and phone are not selected, only a
-- salted hash of the phone, and free text is scrubbed.
-- Incremental: a run reads only the files not staged yet (by content hash); every
-- rule here looks at one row, so a file's rows never change later.
{{ config(
    materialized='incremental',
    incremental_strategy=append_strategy(),
) }}

with

raw_rows as (
    select * from {{ source('raw', 'ticket_exports') }}
    {% if is_incremental() -%}
        -- the new files found in the small file table first: a filter on a list of hashes
        -- skips the history's files, where a "not in" over the rows would read them all
        where _file_hash in (
            select landed._file_hash
            from {{ source('raw', 'landed_files') }} as landed
            where landed._file_hash not in (select distinct this_model._file_hash from {{ this }} as this_model)
        )
    {%- endif %}
),

enum_values as (
    select * from {{ ref('ref_enum_values') }}
),

units as (
    select * from {{ ref('ref_units') }}
),

unit_aliases as (
    select * from {{ ref('ref_unit_aliases') }}
),

cleaned as (
    select
        _source_file,
        _file_hash,
        _source_row,
        _loaded_at,
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ clean_text('jurisdiction') }} as jurisdiction,
        {{ clean_text('received_at') }} as received_at_text,
        {{ clean_text('channel') }} as channel_text,
        {{ clean_text('request_type') }} as request_type_text,
        {{ clean_text('category_path') }} as category_path,
        {{ clean_text('is_enterprise') }} as is_enterprise_text,
        {{ clean_text('urgency') }} as urgency_text,
        {{ clean_text('unit_name') }} as unit_name,
        {{ clean_text('assigned_at') }} as assigned_at_text,
        {{ clean_text('signed_at') }} as signed_at_text,
        {{ clean_text('due_at') }} as due_at_text,
        {{ clean_text('extension_granted') }} as extension_granted_text,
        {{ clean_text('status') }} as status_text,
        {{ clean_text('returned_at') }} as returned_at_text,
        {{ clean_text('closed_at') }} as closed_at_text,
        {{ clean_text('redo_count') }} as redo_count_text,
        {{ clean_text('city_redo') }} as city_redo_text,
        {{ clean_text('exempt') }} as exempt_text,
        {{ clean_text('callback_resolution') }} as callback_resolution_text,
        {{ clean_text('callback_result_satisfaction') }} as callback_result_satisfaction_text,
        {{ clean_text('callback_process_satisfaction') }} as callback_process_satisfaction_text,
        {{ clean_text('city_sampled') }} as city_sampled_text,
        {{ clean_text('city_resolution') }} as city_resolution_text,
        {{ clean_text('city_process_satisfaction') }} as city_process_satisfaction_text,
        {{ clean_text('city_result_satisfaction') }} as city_result_satisfaction_text,
        {{ clean_text('onsite_required') }} as onsite_required_text,
        {{ clean_text('onsite_at') }} as onsite_at_text,
        {{ clean_text('met_caller') }} as met_caller_text,
        -- personal data: only what is needed to hash and to scrub
        {{ regexp_replace_all("coalesce(caller_phone, '')", '[^0-9]', '') }} as caller_phone_digits,
        trim(caller_name) as caller_name,
        content,
        reply
    from raw_rows
),

typed as (
    select
        cleaned.*,
        {{ parse_timestamp('received_at_text') }} as received_at,
        {{ parse_timestamp('assigned_at_text') }} as assigned_at,
        {{ parse_timestamp('signed_at_text') }} as signed_at,
        {{ parse_timestamp('due_at_text') }} as due_at,
        {{ parse_timestamp('returned_at_text') }} as returned_at,
        {{ parse_timestamp('closed_at_text') }} as closed_at,
        {{ parse_timestamp('onsite_at_text') }} as onsite_at,
        case
            when {{ regex_matches('redo_count_text', '^[0-9]+$') }} then cast(cleaned.redo_count_text as integer)
        end as redo_count
    from cleaned
),

coded as (
    -- enum and yes/no values to canonical codes through ref_enum_values
    select
        typed.*,
        e_channel.code as channel,
        e_request.code as request_type,
        e_urgency.code as urgency,
        e_status.code as status,
        e_resolution.code as callback_resolution,
        e_result.code as callback_result_satisfaction,
        e_process.code as callback_process_satisfaction,
        e_city_resolution.code as city_resolution,
        e_city_process.code as city_process_satisfaction,
        e_city_result.code as city_result_satisfaction,
        e_met.code as met_caller,
        e_enterprise.code = 'true' as is_enterprise,
        e_extension.code = 'true' as extension_granted,
        e_city_redo.code = 'true' as is_city_redo,
        e_exempt.code = 'true' as is_exempt,
        e_sampled.code = 'true' as is_city_sampled,
        e_onsite.code = 'true' as is_onsite_required,
        coalesce(units.unit_id, unit_aliases.unit_id) as unit_id
    from typed
    left join enum_values as e_channel
        on e_channel.domain = 'channel' and typed.channel_text = e_channel.raw_value
    left join enum_values as e_request
        on e_request.domain = 'request_type' and typed.request_type_text = e_request.raw_value
    left join enum_values as e_urgency
        on e_urgency.domain = 'urgency' and typed.urgency_text = e_urgency.raw_value
    left join enum_values as e_status
        on e_status.domain = 'status' and typed.status_text = e_status.raw_value
    left join enum_values as e_resolution
        on e_resolution.domain = 'resolution' and typed.callback_resolution_text = e_resolution.raw_value
    left join enum_values as e_result
        on e_result.domain = 'satisfaction' and typed.callback_result_satisfaction_text = e_result.raw_value
    left join enum_values as e_process
        on e_process.domain = 'satisfaction' and typed.callback_process_satisfaction_text = e_process.raw_value
    left join enum_values as e_city_resolution
        on e_city_resolution.domain = 'resolution' and typed.city_resolution_text = e_city_resolution.raw_value
    left join enum_values as e_city_process
        on e_city_process.domain = 'satisfaction' and typed.city_process_satisfaction_text = e_city_process.raw_value
    left join enum_values as e_city_result
        on e_city_result.domain = 'satisfaction' and typed.city_result_satisfaction_text = e_city_result.raw_value
    left join enum_values as e_met
        on e_met.domain = 'met_caller' and typed.met_caller_text = e_met.raw_value
    left join enum_values as e_enterprise
        on e_enterprise.domain = 'boolean' and typed.is_enterprise_text = e_enterprise.raw_value
    left join enum_values as e_extension
        on e_extension.domain = 'boolean' and typed.extension_granted_text = e_extension.raw_value
    left join enum_values as e_city_redo
        on e_city_redo.domain = 'boolean' and typed.city_redo_text = e_city_redo.raw_value
    left join enum_values as e_exempt
        on e_exempt.domain = 'boolean' and typed.exempt_text = e_exempt.raw_value
    left join enum_values as e_sampled
        on e_sampled.domain = 'boolean' and typed.city_sampled_text = e_sampled.raw_value
    left join enum_values as e_onsite
        on e_onsite.domain = 'boolean' and typed.onsite_required_text = e_onsite.raw_value
    left join units
        on typed.jurisdiction = units.jurisdiction and typed.unit_name = units.unit_name
    left join unit_aliases
        on typed.jurisdiction = unit_aliases.jurisdiction and typed.unit_name = unit_aliases.alias
),

fingerprinted as (
    -- what a row says, to tell exact repeats from conflicting rows of one ticket in one file;
    -- salted like the phone hash, since it is kept and covers the caller's name and phone
    select
        coded.*,
        {{ row_fingerprint([
            phone_salt(), 'ticket_id', 'jurisdiction', 'received_at_text', 'channel_text', 'request_type_text', 'category_path',
            'is_enterprise_text', 'urgency_text', 'unit_name', 'assigned_at_text', 'signed_at_text', 'due_at_text',
            'extension_granted_text', 'status_text', 'returned_at_text', 'closed_at_text', 'redo_count_text',
            'city_redo_text', 'exempt_text', 'callback_resolution_text', 'callback_result_satisfaction_text',
            'callback_process_satisfaction_text', 'city_sampled_text', 'city_resolution_text',
            'city_process_satisfaction_text', 'onsite_required_text', 'onsite_at_text', 'met_caller_text', 'caller_name',
            'caller_phone_digits', 'content', 'reply', 'city_result_satisfaction_text'
        ]) }} as row_fingerprint
    from coded
),

row_checked as (
    -- the first rule a row breaks on its own, in the order the contract lists them
    -- (a ticket's conflicting rows within its file: base_hotline__export_files)
    select
        fingerprinted.*,
        case
            -- a 合计/总计 line some platforms add under the tickets: counted apart, not a bad ticket
            when replace(coalesce(fingerprinted.ticket_id, fingerprinted.jurisdiction, ''), ' ', '') in ('合计', '总计', '小计')
                then 'total_row:ticket_id'
            when fingerprinted.ticket_id is null then 'missing_required:ticket_id'
            when fingerprinted.jurisdiction is null then 'missing_required:jurisdiction'
            when fingerprinted.received_at_text is null then 'missing_required:received_at'
            when fingerprinted.channel_text is null then 'missing_required:channel'
            when fingerprinted.request_type_text is null then 'missing_required:request_type'
            when fingerprinted.category_path is null then 'missing_required:category_path'
            when fingerprinted.is_enterprise_text is null then 'missing_required:is_enterprise'
            when fingerprinted.urgency_text is null then 'missing_required:urgency'
            when fingerprinted.unit_name is null then 'missing_required:unit_name'
            when fingerprinted.assigned_at_text is null then 'missing_required:assigned_at'
            when fingerprinted.due_at_text is null then 'missing_required:due_at'
            when fingerprinted.extension_granted_text is null then 'missing_required:extension_granted'
            when fingerprinted.status_text is null then 'missing_required:status'
            when fingerprinted.redo_count_text is null then 'missing_required:redo_count'
            when fingerprinted.city_redo_text is null then 'missing_required:city_redo'
            when fingerprinted.exempt_text is null then 'missing_required:exempt'
            when fingerprinted.city_sampled_text is null then 'missing_required:city_sampled'
            when fingerprinted.onsite_required_text is null then 'missing_required:onsite_required'
            when not {{ regex_matches('ticket_id', '^[0-9]{6,30}$') }} then 'bad_ticket_id:ticket_id'
            -- a phone or ID-card number typed into 工单编号 must never be published as an id
            when {{ is_personal_number('fingerprinted.ticket_id') }} then 'personal_data_in_id:ticket_id'
            when fingerprinted.received_at is null then 'bad_timestamp:received_at'
            when fingerprinted.assigned_at is null then 'bad_timestamp:assigned_at'
            when fingerprinted.due_at is null then 'bad_timestamp:due_at'
            when fingerprinted.signed_at_text is not null and fingerprinted.signed_at is null then 'bad_timestamp:signed_at'
            when fingerprinted.returned_at_text is not null and fingerprinted.returned_at is null then 'bad_timestamp:returned_at'
            when fingerprinted.closed_at_text is not null and fingerprinted.closed_at is null then 'bad_timestamp:closed_at'
            when fingerprinted.onsite_at_text is not null and fingerprinted.onsite_at is null then 'bad_timestamp:onsite_at'
            when fingerprinted.channel is null then 'unknown_enum:channel'
            when fingerprinted.request_type is null then 'unknown_enum:request_type'
            when fingerprinted.urgency is null then 'unknown_enum:urgency'
            when fingerprinted.status is null then 'unknown_enum:status'
            when fingerprinted.callback_resolution_text is not null and fingerprinted.callback_resolution is null then 'unknown_enum:callback_resolution'
            when fingerprinted.callback_result_satisfaction_text is not null and fingerprinted.callback_result_satisfaction is null
                then 'unknown_enum:callback_result_satisfaction'
            when fingerprinted.callback_process_satisfaction_text is not null and fingerprinted.callback_process_satisfaction is null
                then 'unknown_enum:callback_process_satisfaction'
            when fingerprinted.city_resolution_text is not null and fingerprinted.city_resolution is null then 'unknown_enum:city_resolution'
            when fingerprinted.city_process_satisfaction_text is not null and fingerprinted.city_process_satisfaction is null
                then 'unknown_enum:city_process_satisfaction'
            when fingerprinted.city_result_satisfaction_text is not null and fingerprinted.city_result_satisfaction is null
                then 'unknown_enum:city_result_satisfaction'
            when fingerprinted.met_caller_text is not null and fingerprinted.met_caller is null then 'unknown_enum:met_caller'
            when fingerprinted.is_enterprise is null then 'unknown_enum:is_enterprise'
            when fingerprinted.extension_granted is null then 'unknown_enum:extension_granted'
            when fingerprinted.is_city_redo is null then 'unknown_enum:city_redo'
            when fingerprinted.is_exempt is null then 'unknown_enum:exempt'
            when fingerprinted.is_city_sampled is null then 'unknown_enum:city_sampled'
            when fingerprinted.is_onsite_required is null then 'unknown_enum:onsite_required'
            when fingerprinted.redo_count is null then 'bad_number:redo_count'
            when fingerprinted.unit_id is null then 'unknown_unit:unit_name'
            when fingerprinted.closed_at < fingerprinted.received_at then 'closed_before_received:closed_at'
            when fingerprinted.returned_at < fingerprinted.received_at then 'closed_before_received:returned_at'
            when fingerprinted.assigned_at < fingerprinted.received_at then 'closed_before_received:assigned_at'
            when fingerprinted.status = 'closed' and fingerprinted.closed_at is null then 'status_contradiction:closed_at'
            when fingerprinted.status = 'returned' and fingerprinted.returned_at is null then 'status_contradiction:returned_at'
            when fingerprinted.status = 'in_progress' and (fingerprinted.closed_at is not null or fingerprinted.returned_at is not null)
                then 'status_contradiction:status'
        end as row_check,
        greatest(
            coalesce(fingerprinted.signed_at, fingerprinted.assigned_at),
            fingerprinted.received_at,
            coalesce(fingerprinted.closed_at, fingerprinted.received_at),
            coalesce(fingerprinted.returned_at, fingerprinted.received_at),
            coalesce(fingerprinted.onsite_at, fingerprinted.received_at)
        ) as row_event_at
    from fingerprinted
),

digits_written as (
    -- free text scrubbed in three steps (macros/scrub_pii_*.sql), each reading the column the step before wrote
    select
        row_checked.*,
        {{ scrub_pii_digits('row_checked.content') }} as content_digits,
        {{ scrub_pii_digits('row_checked.reply') }} as reply_digits
    from row_checked
),

numbers_scrubbed as (
    select
        digits_written.*,
        {{ scrub_pii_numbers('digits_written.content_digits', 'digits_written.caller_name') }} as content_no_numbers,
        {{ scrub_pii_numbers('digits_written.reply_digits', 'digits_written.caller_name') }} as reply_no_numbers
    from digits_written
),

final as (
    select
        _source_file,
        _file_hash,
        _source_row,
        _loaded_at,
        ticket_id,
        jurisdiction,
        unit_id,
        unit_name as unit_name_exported,
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
        case
            when length(caller_phone_digits) >= 7
                then {{ sha256_hex(dbt.concat([phone_salt(), 'caller_phone_digits'])) }}
        end as caller_phone_hash,
        {{ scrub_pii_names('content_no_numbers') }} as content_scrubbed,
        {{ scrub_pii_names('reply_no_numbers') }} as reply_scrubbed,
        split_part(row_check, ':', 1) as row_reason_code,
        split_part(row_check, ':', 2) as row_reason_column,
        -- narrow facts for the file-level checks: what the row says (salted), and its latest event
        row_fingerprint,
        row_event_at
    from numbers_scrubbed
)

select * from final
