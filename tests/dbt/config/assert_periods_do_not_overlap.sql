-- A row returned here means a generated period that ends before it starts, or two
-- periods of one jurisdiction that share a day (a ticket would count twice).
with

periods as (
    select * from {{ ref('dim_periods') }}
),

ordered as (
    select
        periods.*,
        lead(periods.first_day) over (partition by periods.jurisdiction order by periods.period_index) as next_first_day
    from periods
)

select
    jurisdiction,
    period_label,
    first_day,
    last_day,
    next_first_day
from ordered
where last_day < first_day or next_first_day <= last_day
