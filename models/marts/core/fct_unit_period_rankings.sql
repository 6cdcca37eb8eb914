-- One row per jurisdiction x period x assessed unit that handled tickets: its
-- tier, its ranks under the tier's rule (办理排名, 考核排名, 抽测排名, 综合排名),
-- top/bottom-list flags, and its rank among the tier's units whose resolution and
-- satisfaction rates rose or fell most against the previous period.
with

ranked as (
    select * from {{ ref('int_unit_period_ranked') }}
    where scope = 'all'
),

units as (
    select * from {{ ref('dim_units') }}
),

final as (
    select
        ranked.jurisdiction,
        ranked.period_label,
        ranked.unit_id,
        units.unit_name,
        ranked.tier_id,
        ranked.tier_label_zh,
        ranked.tier_sort_order,
        ranked.rank_rule,
        cast(ranked.tier_unit_count as integer) as tier_unit_count,
        ranked.assessed_handled_count,
        ranked.assessment_score,
        ranked.total_score,
        cast(ranked.handling_rank as integer) as handling_rank,
        cast(ranked.assessment_rank as integer) as assessment_rank,
        ranked.sampling_rank,
        cast(ranked.composite_rank_value as decimal(18, 4)) as composite_rank_value,
        cast(ranked.overall_rank as integer) as overall_rank,
        ranked.is_top_list,
        ranked.is_bottom_list,
        cast(ranked.resolution_rate_change as {{ type_double() }}) as resolution_rate_change,
        cast(ranked.resolution_rise_rank as integer) as resolution_rise_rank,
        cast(ranked.resolution_fall_rank as integer) as resolution_fall_rank,
        cast(ranked.satisfaction_rate_change as {{ type_double() }}) as satisfaction_rate_change,
        cast(ranked.satisfaction_rise_rank as integer) as satisfaction_rise_rank,
        cast(ranked.satisfaction_fall_rank as integer) as satisfaction_fall_rank
    from ranked
    inner join units on ranked.unit_id = units.unit_id
)

select * from final
