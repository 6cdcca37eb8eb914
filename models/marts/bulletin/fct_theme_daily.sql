-- A themed report's days (专题, e.g. a one-week heating campaign): per theme and
-- day of the window, the tickets received, how many were closed (办结), closed the
-- same day (当天办结), closed within 3 working days, and the callback answers
-- behind the resolution (已解决) and satisfaction (满意 + 基本满意) shares. Every
-- day of the window has a row, with zeros on a day without tickets.
with

themes as (
    select * from {{ ref('cfg_themes') }}
),

calendar as (
    select * from {{ ref('dim_calendar') }}
),

theme_tickets as (
    select * from {{ ref('int_theme_tickets') }}
),

theme_days as (
    select
        themes.theme_id,
        themes.jurisdiction,
        themes.title_zh,
        calendar.calendar_date as report_date
    from themes
    inner join calendar on calendar.calendar_date between themes.first_day and themes.last_day
),

counted as (
    select
        theme_id,
        received_date,
        count(*) as received_count,
        sum(case when is_closed then 1 else 0 end) as closed_count,
        sum(case when is_closed_same_day then 1 else 0 end) as closed_same_day_count,
        sum(case when is_closed_within_3_workdays then 1 else 0 end) as closed_within_3_workdays_count,
        count(callback_resolution) as resolution_answer_count,
        sum(case when callback_resolution = 'resolved' then 1 else 0 end) as resolved_count,
        count(callback_result_satisfaction) as satisfaction_answer_count,
        sum(case when callback_result_satisfaction in ('satisfied', 'basically_satisfied') then 1 else 0 end)
            as satisfied_count
    from theme_tickets
    group by theme_id, received_date
),

final as (
    select
        theme_days.theme_id,
        theme_days.jurisdiction,
        theme_days.title_zh,
        theme_days.report_date,
        cast(coalesce(counted.received_count, 0) as integer) as received_count,
        cast(coalesce(counted.closed_count, 0) as integer) as closed_count,
        cast(coalesce(counted.closed_same_day_count, 0) as integer) as closed_same_day_count,
        cast(coalesce(counted.closed_within_3_workdays_count, 0) as integer) as closed_within_3_workdays_count,
        cast(coalesce(counted.resolution_answer_count, 0) as integer) as resolution_answer_count,
        cast(coalesce(counted.resolved_count, 0) as integer) as resolved_count,
        cast(coalesce(counted.satisfaction_answer_count, 0) as integer) as satisfaction_answer_count,
        cast(coalesce(counted.satisfied_count, 0) as integer) as satisfied_count,
        {{ theme_rates('counted') }}
    from theme_days
    left join counted
        on theme_days.theme_id = counted.theme_id and theme_days.report_date = counted.received_date
)

select * from final
