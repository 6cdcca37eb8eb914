-- One row per ticket: its newest version (see stg_hotline__ticket_versions).
-- The category path is split into its levels here (问题分类 一级/二级/三级).
with

versions as (
    select * from {{ ref('stg_hotline__ticket_versions') }}
),

current_versions as (
    select * from versions
    where is_current
),

final as (
    select
        ticket_id,
        version_number,
        file_as_of as known_as_of,
        _loaded_at,
        jurisdiction,
        unit_id,
        received_at,
        channel,
        request_type,
        category_path,
        nullif(split_part(category_path, '/', 1), '') as category_level_1,
        nullif(split_part(category_path, '/', 2), '') as category_level_2,
        nullif(split_part(category_path, '/', 3), '') as category_level_3,
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
        reply_scrubbed,
        _source_file,
        _source_row
    from current_versions
)

select * from final
