-- Each ticket (newest state) placed in its statistical period and unit, with
-- every flag the metrics count and its durations in working days.
-- A ticket belongs to the period in which it was assigned (派单时间). The
-- acknowledgement and return windows come from the jurisdiction's scheme.
-- Incremental: only tickets whose newest version was landed since the last run.
{{ config(
    materialized=ticket_grain_materialization(),
    incremental_strategy=incremental_strategy(),
    unique_key='ticket_id',
) }}

with

tickets as (
    select * from {{ ref('stg_hotline__tickets') }}
    where _loaded_at > {{ watermark('source_loaded_at') }}
),

periods as (
    select * from {{ ref('dim_periods') }}
),

units as (
    select * from {{ ref('dim_units') }}
),

calendar as (
    select * from {{ ref('dim_calendar') }}
),

schemes as (
    select * from {{ ref('int_scheme_periods') }}
    where scope = 'all'
),

placed as (
    select
        tickets.*,
        cast(tickets.assigned_at as date) as assigned_date,
        assigned_period.period_label,
        due_period.period_label as due_period_label,
        units.unit_kind,
        units.kind_group,
        units.is_assessed
    from tickets
    left join periods as assigned_period
        on
            tickets.jurisdiction = assigned_period.jurisdiction
            and cast(tickets.assigned_at as date) between assigned_period.first_day and assigned_period.last_day
    left join periods as due_period
        on
            tickets.jurisdiction = due_period.jurisdiction
            and cast(tickets.due_at as date) between due_period.first_day and due_period.last_day
    left join units on tickets.unit_id = units.unit_id
),

with_workdays as (
    select
        placed.*,
        assigned_day.workday_index as assigned_workday_index,
        closed_day.workday_index as closed_workday_index,
        returned_day.workday_index as returned_workday_index,
        schemes.ack_window_hours,
        schemes.return_window_workdays
    from placed
    left join calendar as assigned_day on placed.assigned_date = assigned_day.calendar_date
    left join calendar as closed_day on cast(placed.closed_at as date) = closed_day.calendar_date
    left join calendar as returned_day on cast(placed.returned_at as date) = returned_day.calendar_date
    left join schemes
        on placed.jurisdiction = schemes.jurisdiction and placed.period_label = schemes.period_label
),

final as (
    select
        ticket_id,
        jurisdiction,
        period_label,
        due_period_label,
        unit_id,
        unit_kind,
        kind_group,
        is_assessed,
        channel,
        request_type,
        category_path,
        category_level_1,
        category_level_2,
        category_level_3,
        urgency,
        status,
        received_at,
        assigned_at,
        signed_at,
        due_at,
        closed_at,
        returned_at,
        onsite_at,
        known_as_of,
        _loaded_at as source_loaded_at,
        extension_granted,
        is_enterprise,
        is_exempt,
        is_city_sampled,
        is_onsite_required,
        callback_resolution,
        callback_result_satisfaction,
        callback_process_satisfaction,
        city_resolution,
        city_process_satisfaction,
        city_result_satisfaction,
        met_caller,
        caller_phone_hash,
        coalesce(redo_count, 0) as redo_count,
        -- 响应: acknowledged (签收) within the scheme's window after assignment
        coalesce(signed_at <= {{ dbt.dateadd('hour', 'ack_window_hours', 'assigned_at') }}, false) as is_responded,
        status = 'closed' as is_closed,
        status = 'returned' as is_returned,
        status = 'in_progress' as is_in_progress,
        coalesce(status = 'closed' and closed_at <= due_at, false) as is_closed_on_time,
        -- 超期: closed after the deadline, or still open past it when last exported
        coalesce(
            (status = 'closed' and closed_at > due_at) or (status = 'in_progress' and due_at < known_as_of), false
        ) as is_overdue,
        coalesce(
            status = 'returned' and returned_workday_index - assigned_workday_index <= return_window_workdays, false
        ) as is_returned_on_time,
        coalesce(redo_count, 0) > 0 as is_redo,
        is_city_redo,
        callback_resolution is not null as has_callback,
        coalesce(is_onsite_required and onsite_at <= {{ dbt.dateadd('hour', 2, 'assigned_at') }}, false)
            as is_onsite_in_time,
        closed_workday_index - assigned_workday_index as handling_workdays,
        returned_workday_index - assigned_workday_index as return_workdays,
        cast({{ minutes_between('assigned_at', 'coalesce(closed_at, returned_at)') }} as {{ type_double() }}) / 60 as handling_hours,
        assigned_workday_index is null
        or (closed_at is not null and closed_workday_index is null)
        or (returned_at is not null and returned_workday_index is null) as is_missing_calendar_day
    from with_workdays
)

select * from final
