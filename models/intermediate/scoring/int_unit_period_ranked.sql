-- Tiers and ranks per jurisdiction x period x unit x scope.
-- A unit falls in the tier of its kind whose volume band (承办量 between
-- min_handled and max_handled, each bound inclusive or not) holds its volume.
-- Within a tier: 办理排名 ranks the total score (办理得分), 考核排名 the assessment
-- score; the tier's final rank (综合排名) is either the rank of the total score or,
-- for composite tiers, the rank of 办理排名 x w1 + 抽测排名 x w2 (smaller is better;
-- 东昌府区 uses 0.3 and 0.7). Ties share a rank and the next is skipped (1, 1, 3).
-- Units that are not assessed, or handled nothing, are in no tier.
with

scored as (
    select * from {{ ref('int_unit_period_scored') }}
),

units as (
    select * from {{ ref('dim_units') }}
),

tiers as (
    select * from {{ ref('cfg_tiers') }}
),

tier_kinds as (
    select * from {{ ref('cfg_tier_unit_kinds') }}
),

periods as (
    select * from {{ ref('dim_periods') }}
),

tiered as (
    select
        scored.*,
        tiers.tier_id,
        tiers.tier_label_zh,
        tiers.sort_order as tier_sort_order,
        tiers.rank_rule,
        tiers.handling_rank_weight,
        tiers.sampling_rank_weight,
        tiers.top_n,
        tiers.bottom_n
    from scored
    inner join units on scored.unit_id = units.unit_id
    left join tier_kinds on units.unit_kind = tier_kinds.unit_kind
    left join tiers
        on
            tier_kinds.tier_id = tiers.tier_id
            and scored.jurisdiction = tiers.jurisdiction
            and scored.scope = tiers.scope
            and scored.period_label between tiers.valid_from_period and tiers.valid_to_period
            and (
                tiers.min_handled is null
                or scored.assessed_handled_count > tiers.min_handled
                or (tiers.min_inclusive and scored.assessed_handled_count = tiers.min_handled)
            )
            and (
                tiers.max_handled is null
                or scored.assessed_handled_count < tiers.max_handled
                or (tiers.max_inclusive and scored.assessed_handled_count = tiers.max_handled)
            )
    where units.is_assessed and scored.assessed_handled_count > 0 and tiers.tier_id is not null
),

ranked as (
    select
        tiered.*,
        {{ competition_rank('total_score', 'desc', 'tier_id, period_label') }} as handling_rank,
        {{ competition_rank('assessment_score', 'desc', 'tier_id, period_label') }} as assessment_rank,
        count(*) over (partition by tiered.tier_id, tiered.period_label) as tier_unit_count
    from tiered
),

composite as (
    select
        ranked.*,
        -- decimal(18, 4) as published: the product's scale differs by engine
        cast(case
            when ranked.rank_rule = 'composite_of_ranks'
                then
                    cast(ranked.handling_rank as decimal(18, 4)) * ranked.handling_rank_weight
                    + cast(ranked.sampling_rank as decimal(18, 4)) * ranked.sampling_rank_weight
        end as decimal(18, 4)) as composite_rank_value
    from ranked
),

overall as (
    select
        composite.*,
        case
            when composite.rank_rule = 'composite_of_ranks'
                then {{ competition_rank('composite_rank_value', 'asc', 'tier_id, period_label') }}
            else composite.handling_rank
        end as overall_rank
    from composite
),

changes as (
    -- the change of each rate against the previous period (percentage points as a fraction)
    select
        overall.*,
        overall.resolution_rate - previous_scored.resolution_rate as resolution_rate_change,
        overall.satisfaction_rate - previous_scored.satisfaction_rate as satisfaction_rate_change
    from overall
    inner join periods
        on overall.jurisdiction = periods.jurisdiction and overall.period_label = periods.period_label
    left join scored as previous_scored
        on
            overall.unit_id = previous_scored.unit_id
            and overall.scope = previous_scored.scope
            and periods.previous_period_label = previous_scored.period_label
),

final as (
    select
        changes.*,
        changes.overall_rank <= changes.top_n as is_top_list,
        changes.overall_rank > changes.tier_unit_count - changes.bottom_n as is_bottom_list,
        {{ competition_rank('resolution_rate_change', 'desc', 'tier_id, period_label') }} as resolution_rise_rank,
        {{ competition_rank('resolution_rate_change', 'asc', 'tier_id, period_label') }} as resolution_fall_rank,
        {{ competition_rank('satisfaction_rate_change', 'desc', 'tier_id, period_label') }} as satisfaction_rise_rank,
        {{ competition_rank('satisfaction_rate_change', 'asc', 'tier_id, period_label') }} as satisfaction_fall_rank
    from changes
)

select * from final
