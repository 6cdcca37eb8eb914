-- The handling units (承办单位) of every jurisdiction, with kind, reporting group
-- and whether the bulletin assesses them; the number of aliases the platform
-- spells them with.
with

units as (
    select * from {{ ref('ref_units') }}
),

kinds as (
    select * from {{ ref('ref_unit_kinds') }}
),

aliases as (
    select
        unit_id,
        count(*) as alias_count
    from {{ ref('ref_unit_aliases') }}
    group by unit_id
),

final as (
    select
        units.jurisdiction,
        units.unit_id,
        units.unit_name,
        units.unit_kind,
        kinds.unit_kind_zh,
        kinds.kind_group,
        kinds.kind_group_zh,
        units.is_assessed,
        cast(coalesce(aliases.alias_count, 0) as integer) as alias_count
    from units
    inner join kinds on units.unit_kind = kinds.unit_kind
    left join aliases on units.unit_id = aliases.unit_id
)

select * from final
