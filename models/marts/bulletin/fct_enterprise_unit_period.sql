-- Enterprise demands (企业诉求) per jurisdiction x period x unit that had any:
-- volume, the three rates and their scores under the enterprise scheme
-- (按时 x 20 + 解决 x 40 + 满意 x 40 in 东昌府区), the total, and the rank.
with

scored as (
    select * from {{ ref('int_unit_period_scored') }}
    where scope = 'enterprise'
),

ranked as (
    select * from {{ ref('int_unit_period_ranked') }}
    where scope = 'enterprise'
),

rates as (
    select * from {{ ref('int_unit_period_rates') }}
    where scope = 'enterprise'
),

units as (
    select * from {{ ref('dim_units') }}
),

final as (
    select
        scored.jurisdiction,
        scored.period_label,
        scored.unit_id,
        units.unit_name,
        units.unit_kind,
        scored.scheme_id,
        scored.rate_source,
        scored.assessed_handled_count as handled_count,
        rates.closed_count,
        scored.on_time_rate,
        scored.on_time_score,
        scored.resolution_rate,
        scored.resolution_score,
        scored.satisfaction_rate,
        scored.satisfaction_score,
        scored.total_score,
        cast(ranked.overall_rank as integer) as enterprise_rank
    from scored
    inner join units on scored.unit_id = units.unit_id
    left join rates
        on scored.unit_id = rates.unit_id and scored.period_label = rates.period_label
    left join ranked
        on scored.unit_id = ranked.unit_id and scored.period_label = ranked.period_label
    where scored.assessed_handled_count > 0
)

select * from final
