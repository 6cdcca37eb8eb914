-- A themed report's totals (专题): one row per theme, the counts of its days
-- summed and every rate computed from the totals (never an average of daily
-- rates), beside the theme's window and title.
with

themes as (
    select * from {{ ref('cfg_themes') }}
),

daily as (
    select * from {{ ref('fct_theme_daily') }}
),

summed as (
    select
        theme_id,
        count(*) as days_in_window,
        sum(received_count) as received_count,
        sum(closed_count) as closed_count,
        sum(closed_same_day_count) as closed_same_day_count,
        sum(closed_within_3_workdays_count) as closed_within_3_workdays_count,
        sum(resolution_answer_count) as resolution_answer_count,
        sum(resolved_count) as resolved_count,
        sum(satisfaction_answer_count) as satisfaction_answer_count,
        sum(satisfied_count) as satisfied_count
    from daily
    group by theme_id
),

final as (
    select
        themes.theme_id,
        themes.jurisdiction,
        themes.title_zh,
        themes.topic_zh,
        themes.first_day,
        themes.last_day,
        themes.category_pattern,
        cast(summed.days_in_window as integer) as days_in_window,
        cast(summed.received_count as integer) as received_count,
        cast(summed.closed_count as integer) as closed_count,
        cast(summed.closed_same_day_count as integer) as closed_same_day_count,
        cast(summed.closed_within_3_workdays_count as integer) as closed_within_3_workdays_count,
        cast(summed.resolution_answer_count as integer) as resolution_answer_count,
        cast(summed.resolved_count as integer) as resolved_count,
        cast(summed.satisfaction_answer_count as integer) as satisfaction_answer_count,
        cast(summed.satisfied_count as integer) as satisfied_count,
        {{ theme_rates('summed') }}
    from themes
    inner join summed on themes.theme_id = summed.theme_id
)

select * from final
