-- A row returned here means an assessed unit that handled tickets in a period is
-- in no tier, or in more than one: the tiers of a period must cover every
-- assessed unit exactly once.
with

units as (
    select
        jurisdiction,
        period_label,
        unit_id
    from {{ ref('fct_unit_period_metrics') }}
    where is_assessed and assessed_handled_count > 0
),

placements as (
    select
        jurisdiction,
        period_label,
        unit_id,
        count(*) as tiers
    from {{ ref('int_unit_period_ranked') }}
    where scope = 'all'
    group by jurisdiction, period_label, unit_id
)

select
    units.*,
    coalesce(placements.tiers, 0) as tiers
from units
left join placements
    on
        units.jurisdiction = placements.jurisdiction
        and units.period_label = placements.period_label
        and units.unit_id = placements.unit_id
where coalesce(placements.tiers, 0) <> 1
