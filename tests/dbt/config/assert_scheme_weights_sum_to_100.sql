-- A row returned here means a scoring scheme whose component weights do not add
-- up to 100 points (a perfect unit must score 100 before deductions and bonus).
select
    scheme_id,
    sum(weight) as total_weight
from {{ ref('cfg_scheme_components') }}
group by scheme_id
having sum(weight) <> 100
