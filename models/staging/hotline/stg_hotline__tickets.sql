-- One row per ticket: its newest version (see stg_hotline__ticket_versions).
-- The category path is checked against the jurisdiction's taxonomy (ref_categories:
-- its own rows and the '*' rows) and split into its levels (问题分类 一级/二级/三级).
-- A path outside the taxonomy is counted under the label var('unknown_category')
-- and never carried further: free text typed into 问题分类 (a caller's name) must not
-- reach a mart. fct_unknown_categories says which files and records hold such paths.
with

versions as (
    select * from {{ ref('stg_hotline__ticket_versions') }}
),

current_versions as (
    select * from versions
    where is_current
),

taxonomy as (
    select distinct
        jurisdiction,
        category_path
    from {{ ref('ref_categories') }}
),

checked as (
    select
        current_versions.*,
        coalesce(own.category_path, shared.category_path) is not null as is_category_known
    from current_versions
    left join taxonomy as own
        on
            current_versions.jurisdiction = own.jurisdiction
            and current_versions.category_path = own.category_path
    left join taxonomy as shared
        on
            shared.jurisdiction = '*'
            and current_versions.category_path = shared.category_path
),

placed as (
    select
        checked.*,
        case
            when checked.is_category_known then checked.category_path else '{{ var("unknown_category") }}'
        end as published_category_path
    from checked
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
        published_category_path as category_path,
        is_category_known,
        nullif(split_part(published_category_path, '/', 1), '') as category_level_1,
        nullif(split_part(published_category_path, '/', 2), '') as category_level_2,
        nullif(split_part(published_category_path, '/', 3), '') as category_level_3,
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
        reply_scrubbed,
        _source_file,
        _source_row
    from placed
)

select * from final
