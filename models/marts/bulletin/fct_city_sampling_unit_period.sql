-- The city centre's own sampling (市级抽访) per jurisdiction x period x unit (every
-- unit of the reported periods): how many of its tickets the city re-surveyed and
-- the three problem buckets. A unit the city did not sample (市级未抽访) has
-- is_sampled = false and nulls in the buckets and rates, never zeros or 100 %.
-- Solved means 已解决; satisfied means 满意 or 基本满意. Beside those shares, the
-- sampled rates weighed with the scheme's answer weights (解决率, 办理结果 and 服务过程
-- 满意率, and the satisfaction rate per the scheme's basis), which a scheme may score
-- instead of its own callbacks. Counted in int_unit_period_rates' scan of the tickets.
with

rates as (
    select * from {{ ref('int_unit_period_rates') }}
    where scope = 'all'
),

units as (
    select * from {{ ref('dim_units') }}
),

final as (
    select
        rates.jurisdiction,
        rates.period_label,
        rates.unit_id,
        units.unit_name,
        rates.sampled_count > 0 as is_sampled,
        rates.sampled_count,
        case when rates.sampled_count > 0 then rates.unsolved_and_dissatisfied_count end
            as unsolved_and_dissatisfied_count,
        case when rates.sampled_count > 0 then rates.solved_but_dissatisfied_count end
            as solved_but_dissatisfied_count,
        case when rates.sampled_count > 0 then rates.unsolved_but_satisfied_count end
            as unsolved_but_satisfied_count,
        {{ safe_ratio('rates.sampled_solved_count', 'rates.sampled_count') }} as city_resolution_rate,
        {{ safe_ratio('rates.sampled_satisfied_count', 'rates.sampled_count') }} as city_satisfaction_rate,
        rates.sampled_resolution_rate,
        rates.sampled_result_satisfaction_rate,
        rates.sampled_process_satisfaction_rate,
        rates.sampled_satisfaction_rate
    from rates
    inner join units on rates.unit_id = units.unit_id
)

select * from final
