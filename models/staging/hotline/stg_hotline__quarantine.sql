-- The quarantine: every raw row that failed validation, from every contract,
-- with its file, record number, ticket id where it has one, a reason code and
-- a readable reason that names the column by its Chinese header. No content of
-- the row is kept (it may hold personal data); the file and record number lead
-- back to it.
{{ config(materialized='table') }}

with

ticket_rows as (
    select * from {{ ref('stg_hotline__ticket_rows') }}
),

unit_statistics as (
    select * from {{ ref('stg_hotline__unit_statistics') }}
),

assessment_inputs as (
    select * from {{ ref('stg_hotline__assessment_inputs') }}
),

rejected_rows as (
    select * from {{ source('raw', 'rejected_rows') }}
),

reasons as (
    select * from {{ ref('ref_quarantine_reasons') }}
),

export_columns as (
    select * from {{ ref('ref_export_columns') }}
),

failed as (
    select
        'ticket_exports' as contract,
        _source_file,
        _file_hash,
        _source_row,
        -- an id that is a phone or ID-card number is not repeated here either
        case when quarantine_reason_code <> 'personal_data_in_id' then ticket_id end as ticket_id,
        jurisdiction,
        quarantine_reason_code as reason_code,
        quarantine_column as column_name
    from ticket_rows
    where quarantine_reason_code is not null and quarantine_reason_code <> 'total_row'
    union all
    select
        'unit_statistics' as contract,
        _source_file,
        _file_hash,
        _source_row,
        null as ticket_id,
        jurisdiction,
        quarantine_reason_code as reason_code,
        quarantine_column as column_name
    from unit_statistics
    where quarantine_reason_code is not null
    union all
    select
        'assessment_inputs' as contract,
        _source_file,
        _file_hash,
        _source_row,
        null as ticket_id,
        jurisdiction,
        quarantine_reason_code as reason_code,
        quarantine_column as column_name
    from assessment_inputs
    where quarantine_reason_code is not null
    union all
    select
        contract,
        _source_file,
        _file_hash,
        _source_row,
        null as ticket_id,
        null as jurisdiction,
        'malformed_record' as reason_code,
        null as column_name
    from rejected_rows
),

final as (
    select
        failed.contract,
        failed._source_file as source_file,
        failed._file_hash as file_hash,
        failed._source_row as source_row,
        failed.ticket_id,
        failed.jurisdiction,
        failed.reason_code,
        failed.column_name,
        {{ dbt.concat([
            "reasons.reason_zh",
            "case when export_columns.header_zh is not null then '：' || export_columns.header_zh || '（' || failed.column_name || '）' else '' end",
            "'; '", "reasons.reason_en"
        ]) }} as reason
    from failed
    left join reasons on failed.reason_code = reasons.reason_code
    left join export_columns
        on failed.contract = export_columns.contract and failed.column_name = export_columns.column_name
)

select * from final
