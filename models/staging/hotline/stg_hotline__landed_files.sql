-- One row per loaded export file: its content hash, contract, format, encoding
-- and the number of records the loader read (rows loaded + malformed records).
with

landed as (
    select * from {{ source('raw', 'landed_files') }}
),

final as (
    select
        _file_hash as file_hash,
        _source_file as source_file,
        contract,
        file_format,
        encoding,
        cast(row_count as integer) as loaded_row_count,
        cast(rejected_count as integer) as malformed_record_count,
        _loaded_at as loaded_at
    from landed
)

select * from final
