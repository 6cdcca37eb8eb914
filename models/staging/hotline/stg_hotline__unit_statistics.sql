-- The platform's per-unit statistics (统计报表), typed: one row per raw row with
-- its validation verdict. Rates arrive as '99.32%' or '0.9932'; both become a
-- fraction. `scope` (an extension of contract v1) says whether the row covers all
-- tickets or the enterprise demands only.
with

raw_rows as (
    select * from {{ source('raw', 'unit_statistics') }}
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
        {{ clean_text('jurisdiction') }} as jurisdiction,
        {{ period_label(clean_text('period')) }} as period_label,
        {{ clean_text('period') }} as period_text,
        {{ clean_text('unit_name') }} as unit_name,
        {{ clean_text('handled_count') }} as handled_count_text,
        {{ clean_text('response_rate') }} as response_rate_text,
        {{ clean_text('on_time_rate') }} as on_time_rate_text,
        {{ clean_text('resolution_rate') }} as resolution_rate_text,
        {{ clean_text('satisfaction_rate') }} as satisfaction_rate_text,
        case
            when {{ clean_text('scope') }} in ('企业诉求', 'enterprise') then 'enterprise'
            when {{ clean_text('scope') }} is null or {{ clean_text('scope') }} in ('全部', 'all') then 'all'
        end as scope
    from raw_rows
),

typed as (
    select
        cleaned.*,
        coalesce(units.unit_id, unit_aliases.unit_id) as unit_id,
        case
            when {{ regex_matches('cleaned.handled_count_text', '^[0-9]+$') }} then cast(cleaned.handled_count_text as integer)
        end as handled_count,
        {{ parse_rate('response_rate_text') }} as response_rate,
        {{ parse_rate('on_time_rate_text') }} as on_time_rate,
        {{ parse_rate('resolution_rate_text') }} as resolution_rate,
        {{ parse_rate('satisfaction_rate_text') }} as satisfaction_rate
    from cleaned
    left join units
        on cleaned.jurisdiction = units.jurisdiction and cleaned.unit_name = units.unit_name
    left join unit_aliases
        on cleaned.jurisdiction = unit_aliases.jurisdiction and cleaned.unit_name = unit_aliases.alias
),

final as (
    select
        _source_file,
        _file_hash,
        _source_row,
        _loaded_at,
        jurisdiction,
        period_label,
        unit_id,
        unit_name as unit_name_exported,
        scope,
        handled_count,
        response_rate,
        on_time_rate,
        resolution_rate,
        satisfaction_rate,
        case
            when jurisdiction is null then 'missing_required'
            when period_label is null then 'bad_period'
            when unit_name is null then 'missing_required'
            when unit_id is null then 'unknown_unit'
            when scope is null then 'unknown_enum'
            when handled_count is null then 'bad_number'
            when
                (response_rate_text is not null and (response_rate is null or response_rate > 1))
                or (on_time_rate_text is not null and (on_time_rate is null or on_time_rate > 1))
                or (resolution_rate_text is not null and (resolution_rate is null or resolution_rate > 1))
                or (satisfaction_rate_text is not null and (satisfaction_rate is null or satisfaction_rate > 1))
                then 'bad_rate'
        end as quarantine_reason_code,
        case
            when jurisdiction is null then 'jurisdiction'
            when period_label is null then 'period'
            when unit_name is null or unit_id is null then 'unit_name'
            when scope is null then 'scope'
            when handled_count is null then 'handled_count'
            when response_rate_text is not null and (response_rate is null or response_rate > 1) then 'response_rate'
            when on_time_rate_text is not null and (on_time_rate is null or on_time_rate > 1) then 'on_time_rate'
            when resolution_rate_text is not null and (resolution_rate is null or resolution_rate > 1)
                then 'resolution_rate'
            when satisfaction_rate_text is not null and (satisfaction_rate is null or satisfaction_rate > 1)
                then 'satisfaction_rate'
        end as quarantine_column
    from typed
)

select * from final
