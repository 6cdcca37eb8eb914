-- A row returned here means a jurisdiction's statistical periods do not tile time:
-- two consecutive periods overlap (a day would count twice), or leave days between
-- them that no period holds while the rule does not declare such a gap
-- (cfg_period_rules.gap_declared). Each row names the two periods and the days.
with

periods as (
    select * from {{ ref('dim_periods') }}
),

rules as (
    select * from {{ ref('cfg_period_rules') }}
),

consecutive as (
    select
        jurisdiction,
        period_label,
        first_day,
        last_day,
        lead(period_label) over (partition by jurisdiction order by first_day) as next_period_label,
        lead(first_day) over (partition by jurisdiction order by first_day) as next_first_day
    from periods
)

select
    consecutive.jurisdiction,
    consecutive.period_label,
    consecutive.next_period_label,
    consecutive.last_day,
    consecutive.next_first_day,
    case when consecutive.next_first_day <= consecutive.last_day then 'overlap' else 'gap' end as problem
from consecutive
inner join rules on consecutive.jurisdiction = rules.jurisdiction
where
    consecutive.next_first_day is not null
    and (
        consecutive.next_first_day <= consecutive.last_day
        or (
            consecutive.next_first_day > {{ dbt.dateadd('day', 1, 'consecutive.last_day') }}
            and not rules.gap_declared
        )
    )
