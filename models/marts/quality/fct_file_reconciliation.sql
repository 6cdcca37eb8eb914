-- One row per loaded export file: nothing lost. The records the loader read
-- (loaded rows + malformed records) must equal the rows staged + the rows
-- quarantined + the exact duplicates set aside + the 合计/总计 lines; `reconciles`
-- says whether they do,
-- and `quarantined_share` feeds the build's quarantine threshold.
-- Incremental: a file's counts never change once it is staged (every staging rule
-- looks at one row or one file), so a run counts the new files only.
{{ config(
    materialized='incremental',
    incremental_strategy=append_strategy(),
) }}

with

files as (
    select * from {{ ref('stg_hotline__landed_files') }}
    {% if is_incremental() -%}
        where file_hash not in (select this_model.file_hash from {{ this }} as this_model)
    {%- endif %}
),

ticket_rows as (
    select * from {{ ref('stg_hotline__ticket_rows') }}
    where _file_hash in (select files.file_hash from files)
),

ticket_versions as (
    select * from {{ ref('stg_hotline__ticket_versions') }}
    where _file_hash in (select files.file_hash from files)
),

unit_statistics as (
    select * from {{ ref('stg_hotline__unit_statistics') }}
),

assessment_inputs as (
    select * from {{ ref('stg_hotline__assessment_inputs') }}
),

quarantine as (
    select * from {{ ref('stg_hotline__quarantine') }}
    where file_hash in (select files.file_hash from files)
),

staged as (
    select
        _file_hash as file_hash,
        count(*) as staged_rows
    from ticket_versions
    group by _file_hash
    union all
    select
        _file_hash as file_hash,
        count(*) as staged_rows
    from unit_statistics
    where quarantine_reason_code is null
    group by _file_hash
    union all
    select
        _file_hash as file_hash,
        count(*) as staged_rows
    from assessment_inputs
    where quarantine_reason_code is null
    group by _file_hash
),

duplicates as (
    select
        _file_hash as file_hash,
        count(*) as duplicate_rows
    from ticket_rows
    where is_exact_duplicate
    group by _file_hash
),

total_rows as (
    -- 合计/总计 lines: neither a ticket nor a bad one
    select
        _file_hash as file_hash,
        count(*) as total_rows
    from ticket_rows
    where quarantine_reason_code = 'total_row'
    group by _file_hash
),

quarantined as (
    select
        file_hash,
        count(*) as quarantined_rows
    from quarantine
    group by file_hash
),

final as (
    select
        files.source_file,
        files.file_hash,
        files.contract,
        files.file_format,
        files.encoding,
        files.loaded_at,
        files.loaded_row_count + files.malformed_record_count as raw_rows,
        cast(coalesce(staged.staged_rows, 0) as integer) as staged_rows,
        cast(coalesce(quarantined.quarantined_rows, 0) as integer) as quarantined_rows,
        cast(coalesce(duplicates.duplicate_rows, 0) as integer) as duplicate_rows,
        cast(coalesce(total_rows.total_rows, 0) as integer) as total_rows,
        {{ safe_ratio('coalesce(quarantined.quarantined_rows, 0)', 'files.loaded_row_count + files.malformed_record_count') }}
            as quarantined_share,
        files.loaded_row_count + files.malformed_record_count
        = coalesce(staged.staged_rows, 0) + coalesce(quarantined.quarantined_rows, 0)
        + coalesce(duplicates.duplicate_rows, 0) + coalesce(total_rows.total_rows, 0) as reconciles
    from files
    left join (
        select
            file_hash,
            sum(staged_rows) as staged_rows
        from staged
        group by file_hash
    ) as staged on files.file_hash = staged.file_hash
    left join quarantined on files.file_hash = quarantined.file_hash
    left join duplicates on files.file_hash = duplicates.file_hash
    left join total_rows on files.file_hash = total_rows.file_hash
)

select * from final
