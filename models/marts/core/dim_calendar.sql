-- The working-day calendar: one row per date the calendar seeds know.
-- chinesecalendar's holidays and make-up workdays (ref_calendar_cn) with the
-- local overrides on top (ref_calendar_overrides wins). workday_index counts
-- the working days up to and including a date, so that the working days between
-- two dates are a subtraction instead of a range scan per ticket. A date in
-- neither seed is missing here on purpose: tests/dbt/marts/assert_ticket_dates_in_calendar.sql
-- fails the build when a ticket needs one.
with

package_days as (
    select * from {{ ref('ref_calendar_cn') }}
),

override_days as (
    select * from {{ ref('ref_calendar_overrides') }}
),

combined as (
    select
        calendar_date,
        is_workday,
        is_makeup_workday,
        holiday_name,
        'override' as day_source
    from override_days
    union all
    select
        package_days.calendar_date,
        package_days.is_workday,
        package_days.is_makeup_workday,
        package_days.holiday_name,
        'chinesecalendar' as day_source
    from package_days
    left join override_days on package_days.calendar_date = override_days.calendar_date
    where override_days.calendar_date is null
),

final as (
    select
        calendar_date,
        is_workday,
        is_makeup_workday,
        nullif(holiday_name, '') as holiday_name,
        day_source,
        cast(sum(case when is_workday then 1 else 0 end) over (order by calendar_date rows unbounded preceding) as integer)
            as workday_index
    from combined
)

select * from final
