-- A row returned here means two tiers of one jurisdiction and scope hold the same
-- unit kind, overlapping periods and overlapping volume bands, so a unit could
-- land in both.
with

bands as (
    select
        tiers.tier_id,
        tiers.jurisdiction,
        tiers.scope,
        kinds.unit_kind,
        tiers.valid_from_period,
        tiers.valid_to_period,
        -- each band as a closed integer interval [low, high]
        coalesce(tiers.min_handled + case when tiers.min_inclusive then 0 else 1 end, 0) as low,
        coalesce(tiers.max_handled - case when tiers.max_inclusive then 0 else 1 end, 2147483647) as high
    from {{ ref('cfg_tiers') }} as tiers
    inner join {{ ref('cfg_tier_unit_kinds') }} as kinds on tiers.tier_id = kinds.tier_id
)

select
    a.tier_id,
    b.tier_id as overlapping_tier_id,
    a.unit_kind
from bands as a
inner join bands as b
    on
        a.jurisdiction = b.jurisdiction
        and a.scope = b.scope
        and a.unit_kind = b.unit_kind
        and a.tier_id < b.tier_id
        and a.valid_from_period <= b.valid_to_period
        and b.valid_from_period <= a.valid_to_period
        and a.low <= b.high
        and b.low <= a.high
