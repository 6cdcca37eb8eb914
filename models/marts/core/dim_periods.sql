-- Statistical periods per jurisdiction, generated from cfg_period_rules.
-- Period YYYY-MM runs from day start_day of month M + start_month_offset to day
-- end_day of month M + end_month_offset, a day past a month's end meaning its
-- last day. The sample bulletin's "February 2024" is 2024-01-25 .. 2024-02-22
-- (29 days: its daily average 386 = 11198 / 29). A period listed in
-- cfg_period_dates takes the days listed there (a cut-off moved for a holiday).
with

rules as (
    select * from {{ ref('cfg_period_rules') }}
),

explicit_dates as (
    select * from {{ ref('cfg_period_dates') }}
),

month_numbers as (
    {{ dbt.generate_series(1200) }}
),

labels as (
    -- month_index counts months from year 0: year * 12 + month - 1
    select
        rules.*,
        cast(substring(rules.first_period, 1, 4) as integer) * 12
        + cast(substring(rules.first_period, 6, 2) as integer) - 1 + month_numbers.generated_number - 1 as month_index
    from rules
    cross join month_numbers
),

bounded as (
    select *
    from labels
    where month_index <= cast(substring(last_period, 1, 4) as integer) * 12 + cast(substring(last_period, 6, 2) as integer) - 1
),

month_starts as (
    select
        bounded.*,
        make_date(
            cast(floor((bounded.month_index + bounded.start_month_offset) / 12.0) as integer),
            cast(bounded.month_index + bounded.start_month_offset - 12 * floor((bounded.month_index + bounded.start_month_offset) / 12.0) as integer) + 1,
            1
        ) as start_month_first_day,
        make_date(
            cast(floor((bounded.month_index + bounded.end_month_offset) / 12.0) as integer),
            cast(bounded.month_index + bounded.end_month_offset - 12 * floor((bounded.month_index + bounded.end_month_offset) / 12.0) as integer) + 1,
            1
        ) as end_month_first_day
    from bounded
),

days as (
    select
        jurisdiction,
        rule_id,
        month_index,
        {{ dbt.concat([
            "cast(cast(floor(month_index / 12.0) as integer) as " ~ dbt.type_string() ~ ")", "'-'",
            dbt.right(dbt.concat(["'0'", "cast(cast(month_index - 12 * floor(month_index / 12.0) as integer) + 1 as " ~ dbt.type_string() ~ ")"]), 2)
        ]) }} as period_label,
        {{ dbt.dateadd('day', 'least(start_day, extract(day from ' ~ dbt.last_day('start_month_first_day', 'month') ~ ')) - 1', 'start_month_first_day') }}
            as first_day,
        {{ dbt.dateadd('day', 'least(end_day, extract(day from ' ~ dbt.last_day('end_month_first_day', 'month') ~ ')) - 1', 'end_month_first_day') }}
            as last_day
    from month_starts
),

placed as (
    select
        days.jurisdiction,
        days.rule_id,
        days.month_index,
        days.period_label,
        cast(coalesce(explicit_dates.first_day, days.first_day) as date) as first_day,
        cast(coalesce(explicit_dates.last_day, days.last_day) as date) as last_day
    from days
    left join explicit_dates
        on days.jurisdiction = explicit_dates.jurisdiction and days.period_label = explicit_dates.period_label
),

final as (
    select
        jurisdiction,
        period_label,
        rule_id,
        first_day,
        last_day,
        cast({{ dbt.datediff('first_day', 'last_day', 'day') }} + 1 as integer) as days_in_period,
        cast(month_index as integer) as period_index,
        lag(period_label) over (partition by jurisdiction order by month_index) as previous_period_label,
        {{ dbt.concat([
            "cast(cast(substring(period_label, 1, 4) as integer) - 1 as " ~ dbt.type_string() ~ ")", "substring(period_label, 5, 3)"
        ]) }} as same_period_last_year_label
    from placed
)

select * from final
