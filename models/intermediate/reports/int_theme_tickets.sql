-- Each ticket of a themed report (专题, cfg_themes): received within the theme's
-- window, with a category path that matches the theme's pattern. One row per
-- theme and ticket, with the facts the themed report counts.
with

themes as (
    select * from {{ ref('cfg_themes') }}
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

final as (
    select
        themes.theme_id,
        themes.jurisdiction,
        cast(tickets.received_at as date) as received_date,
        tickets.ticket_id,
        tickets.is_closed,
        coalesce(tickets.is_closed and cast(tickets.closed_at as date) = cast(tickets.received_at as date), false)
            as is_closed_same_day,
        -- 3个工作日内办结 (the campaign's rule for complex matters), counted from assignment
        coalesce(tickets.is_closed and tickets.handling_workdays <= 3, false) as is_closed_within_3_workdays,
        tickets.callback_resolution,
        tickets.callback_result_satisfaction
    from tickets
    inner join themes
        on
            tickets.jurisdiction = themes.jurisdiction
            and cast(tickets.received_at as date) between themes.first_day and themes.last_day
            and tickets.category_path like themes.category_pattern
)

select * from final
