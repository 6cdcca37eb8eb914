-- A row returned here means a callback answer weight outside [0, 1], or a
-- question whose best answer does not count fully (weight 1).
select
    scheme_id,
    question,
    max(weight) as best,
    min(weight) as worst
from {{ ref('cfg_answer_weights') }}
group by scheme_id, question
having max(weight) <> 1 or min(weight) < 0
