-- Assessment inputs that do not come from tickets (减分项, 质效, 抽测排名), typed:
-- one row per raw row with its validation verdict.
with

raw_rows as (
    select * from {{ source('raw', 'assessment_inputs') }}
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
        {{ clean_text('unit_name') }} as unit_name,
        {{ clean_text('deduction') }} as deduction_text,
        {{ clean_text('quality_bonus') }} as quality_bonus_text,
        {{ clean_text('sampling_rank') }} as sampling_rank_text
    from raw_rows
),

typed as (
    select
        cleaned.*,
        coalesce(units.unit_id, unit_aliases.unit_id) as unit_id,
        {{ parse_points('deduction_text') }} as deduction,
        {{ parse_points('quality_bonus_text') }} as quality_bonus,
        case
            when {{ regex_matches('cleaned.sampling_rank_text', '^[0-9]+$') }} then cast(cleaned.sampling_rank_text as integer)
        end as sampling_rank
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
        deduction,
        quality_bonus,
        sampling_rank,
        case
            when jurisdiction is null or unit_name is null then 'missing_required'
            when period_label is null then 'bad_period'
            when unit_id is null then 'unknown_unit'
            when
                (deduction_text is not null and deduction is null)
                or (quality_bonus_text is not null and quality_bonus is null)
                or (sampling_rank_text is not null and sampling_rank is null)
                then 'bad_number'
        end as quarantine_reason_code,
        case
            when jurisdiction is null then 'jurisdiction'
            when unit_name is null or unit_id is null then 'unit_name'
            when period_label is null then 'period'
            when deduction_text is not null and deduction is null then 'deduction'
            when quality_bonus_text is not null and quality_bonus is null then 'quality_bonus'
            when sampling_rank_text is not null and sampling_rank is null then 'sampling_rank'
        end as quarantine_column
    from typed
)

select * from final
