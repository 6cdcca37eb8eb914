-- One row per ticket in its newest state: period, unit, kind, channel, request
-- type, category levels, every flag the bulletin counts, durations in working
-- days. No personal data and no free text: the caller appears only as
-- is_repeat_caller (the same phone hash on another ticket of the period).
-- Incremental: the periods touched by newly landed tickets are rebuilt whole
-- (is_repeat_caller looks across a period).
{{ config(
    materialized=ticket_grain_materialization(),
    incremental_strategy=incremental_strategy(),
    unique_key='ticket_id',
) }}

with

all_tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

-- the ticket table is read again here rather than through all_tickets: a CTE read
-- twice is materialised whole by DuckDB, which copies every ticket on every run
changes as (
    select distinct
        changed.jurisdiction,
        coalesce(changed.period_label, '(none)') as period_label
    from {{ ref('int_tickets_enriched') }} as changed
    where changed.source_loaded_at > {{ watermark('source_loaded_at') }}
),

tickets as (
    select all_tickets.*
    from all_tickets
    inner join changes
        on
            all_tickets.jurisdiction = changes.jurisdiction
            and coalesce(all_tickets.period_label, '(none)') = changes.period_label
),

-- callers with more than one ticket in a period: a group-by on three narrow columns
-- (a window over the tickets would sort every column of every ticket), read apart
-- from `tickets` for the same reason as `changes`
repeat_callers as (
    select
        callers.jurisdiction,
        coalesce(callers.period_label, '(none)') as period_label,
        callers.caller_phone_hash
    from {{ ref('int_tickets_enriched') }} as callers
    inner join changes
        on
            callers.jurisdiction = changes.jurisdiction
            and coalesce(callers.period_label, '(none)') = changes.period_label
    where callers.caller_phone_hash is not null
    group by callers.jurisdiction, coalesce(callers.period_label, '(none)'), callers.caller_phone_hash
    having count(*) > 1
),

flagged as (
    select
        tickets.*,
        repeat_callers.caller_phone_hash is not null as is_repeat_caller
    from tickets
    left join repeat_callers
        on
            tickets.jurisdiction = repeat_callers.jurisdiction
            and coalesce(tickets.period_label, '(none)') = repeat_callers.period_label
            and tickets.caller_phone_hash = repeat_callers.caller_phone_hash
),

final as (
    select
        ticket_id,
        jurisdiction,
        period_label,
        unit_id,
        unit_kind,
        kind_group,
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
        extension_granted,
        is_responded,
        is_closed,
        is_returned,
        is_in_progress,
        is_closed_on_time,
        is_overdue,
        is_returned_on_time,
        is_redo,
        redo_count,
        is_city_redo,
        is_exempt,
        is_enterprise,
        is_onsite_required,
        is_onsite_in_time,
        met_caller,
        has_callback,
        callback_resolution,
        callback_result_satisfaction,
        callback_process_satisfaction,
        is_city_sampled,
        city_resolution,
        city_process_satisfaction,
        cast(handling_workdays as integer) as handling_workdays,
        cast(return_workdays as integer) as return_workdays,
        cast(handling_hours as {{ type_double() }}) as handling_hours,
        source_loaded_at,
        is_repeat_caller
    from flagged
)

select * from final
