-- 市级抽访问题工单: units with problem tickets in the city's sampling, by bucket;
-- units the city did not sample are listed as 市级未抽访 (nulls, not zeros).
select
    sampling.unit_name,
    case when sampling.is_sampled then '已抽访' else '市级未抽访' end as sampling_status_zh,
    sampling.sampled_count,
    sampling.unsolved_and_dissatisfied_count,
    sampling.solved_but_dissatisfied_count,
    sampling.unsolved_but_satisfied_count
from {{ ref('fct_city_sampling_unit_period') }} as sampling
where
    sampling.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and sampling.period_label = {{ bulletin_parameter('period') }}
order by
    sampling.is_sampled desc,
    coalesce(sampling.unsolved_and_dissatisfied_count, 0)
    + coalesce(sampling.solved_but_dissatisfied_count, 0)
    + coalesce(sampling.unsolved_but_satisfied_count, 0) desc,
    sampling.unit_name
