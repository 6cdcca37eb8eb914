-- The city centre's own sampling (市级抽访) per jurisdiction x period x unit (every
-- unit of the reported periods): how many of its tickets the city re-surveyed and
-- the three problem buckets. A unit the city did not sample (市级未抽访) has
-- is_sampled = false and nulls in the buckets and rates, never zeros or 100 %.
-- Solved means 已解决; satisfied means 满意 or 基本满意.
with

metrics as (
    select
        jurisdiction,
        period_label,
        unit_id,
        unit_name
    from {{ ref('fct_unit_period_metrics') }}
),

sampled as (
    select * from {{ ref('int_tickets_enriched') }}
    where is_city_sampled and period_label is not null
),

counted as (
    select
        jurisdiction,
        period_label,
        unit_id,
        count(*) as sampled_count,
        sum(case when city_resolution <> 'resolved' and city_process_satisfaction = 'dissatisfied' then 1 else 0 end)
            as unsolved_and_dissatisfied_count,
        sum(case when city_resolution = 'resolved' and city_process_satisfaction = 'dissatisfied' then 1 else 0 end)
            as solved_but_dissatisfied_count,
        sum(case when city_resolution <> 'resolved' and city_process_satisfaction <> 'dissatisfied' then 1 else 0 end)
            as unsolved_but_satisfied_count,
        sum(case when city_resolution = 'resolved' then 1 else 0 end) as solved_count,
        sum(case when city_process_satisfaction <> 'dissatisfied' then 1 else 0 end) as satisfied_count
    from sampled
    group by jurisdiction, period_label, unit_id
),

final as (
    select
        metrics.jurisdiction,
        metrics.period_label,
        metrics.unit_id,
        metrics.unit_name,
        counted.unit_id is not null as is_sampled,
        cast(coalesce(counted.sampled_count, 0) as integer) as sampled_count,
        cast(counted.unsolved_and_dissatisfied_count as integer) as unsolved_and_dissatisfied_count,
        cast(counted.solved_but_dissatisfied_count as integer) as solved_but_dissatisfied_count,
        cast(counted.unsolved_but_satisfied_count as integer) as unsolved_but_satisfied_count,
        {{ safe_ratio('counted.solved_count', 'counted.sampled_count') }} as city_resolution_rate,
        {{ safe_ratio('counted.satisfied_count', 'counted.sampled_count') }} as city_satisfaction_rate
    from metrics
    left join counted
        on
            metrics.jurisdiction = counted.jurisdiction
            and metrics.period_label = counted.period_label
            and metrics.unit_id = counted.unit_id
)

select * from final
