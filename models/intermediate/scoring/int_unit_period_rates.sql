-- Counts and rates per jurisdiction x period x unit x scope ('all' tickets, or
-- the 'enterprise' demands only), computed from tickets, beside the platform's
-- the city's sampled rates (市级抽访: the same answer weights over the sampled answers;
-- a v1.0 export has no sampled 办理结果, so a mean basis falls back to 服务过程 alone);
-- official rates where a unit statistics export exists; the rate a score uses is
-- the official one when it exists (rate_source says which).
-- Every registered unit gets a row for every period of its jurisdiction's
-- reported span (scope 'all'), tickets or not; enterprise rows exist where the
-- unit had enterprise demands. The same scan counts the 2-hour on-site tickets
-- and the city's sampling buckets.
-- Incremental: only the affected periods (see the affected_periods macro) are
-- recomputed, each from all of its tickets.
{{ config(
    materialized='incremental',
    incremental_strategy=incremental_strategy(),
    unique_key=['jurisdiction', 'period_label'],
    partition_by=period_partitions(),
) }}

with

schemes as (
    select * from {{ ref('int_scheme_periods') }}
),

units as (
    select * from {{ ref('dim_units') }}
),

official_rows as (
    select * from {{ ref('stg_hotline__unit_statistics') }}
    where quarantine_reason_code is null
),

input_rows as (
    select * from {{ ref('stg_hotline__assessment_inputs') }}
    where quarantine_reason_code is null
),

-- the ticket table is read apart here, in reported_span, in tickets and in batch, never
-- through one CTE: DuckDB materialises a CTE read more than once, a copy of every ticket
new_tickets as (
    select
        changed.jurisdiction,
        changed.period_label,
        changed.due_period_label
    from {{ ref('int_tickets_enriched') }} as changed
    where changed.source_loaded_at > {{ watermark('source_loaded_at') }}
),

reported_span as (
    -- the periods a jurisdiction has data for (tickets assigned, statistics, inputs)
    select
        jurisdiction,
        min(period_label) as first_period,
        max(period_label) as last_period
    from (
        select
            assigned.jurisdiction,
            assigned.period_label
        from {{ ref('int_tickets_enriched') }} as assigned
        where assigned.period_label is not null
        union all
        select
            jurisdiction,
            period_label
        from official_rows
        union all
        select
            jurisdiction,
            period_label
        from input_rows
    ) as reported
    group by jurisdiction
),

changes as (
    -- periods whose tickets, statistics or inputs changed; a ticket also changes
    -- the period it is due in (for schemes whose on-time rate counts tickets due)
    select
        jurisdiction,
        period_label
    from new_tickets
    where period_label is not null
    union
    select
        new_tickets.jurisdiction,
        new_tickets.due_period_label
    from new_tickets
    inner join reported_span
        on
            new_tickets.jurisdiction = reported_span.jurisdiction
            and new_tickets.due_period_label between reported_span.first_period and reported_span.last_period
    union
    select
        jurisdiction,
        period_label
    from official_rows
    where _loaded_at > {{ watermark('source_loaded_at') }}
    union
    select
        jurisdiction,
        period_label
    from input_rows
    where _loaded_at > {{ watermark('source_loaded_at') }}
),

affected as (
    {{ affected_periods('changes', ref('dim_periods')) }}
),

tickets as (
    -- the tickets assigned in, or due in, an affected period (rows of other periods
    -- that this reads are not joined to the spine below)
    -- two left joins, not one exists with an "or": that one DuckDB runs as a
    -- duplicate-eliminated join that copies every ticket (affected is unique per period)
    select all_tickets.*
    from {{ ref('int_tickets_enriched') }} as all_tickets
    left join affected as assigned_in
        on
            all_tickets.jurisdiction = assigned_in.jurisdiction
            and all_tickets.period_label = assigned_in.period_label
    left join affected as due_in
        on
            all_tickets.jurisdiction = due_in.jurisdiction
            and all_tickets.due_period_label = due_in.period_label
    where assigned_in.period_label is not null or due_in.period_label is not null
),

batch as (
    -- everything landed so far: where the next run's watermark stands
    select max(loaded_at) as source_loaded_at
    from (
        select max(enriched.source_loaded_at) as loaded_at from {{ ref('int_tickets_enriched') }} as enriched
        union all
        select max(_loaded_at) as loaded_at from official_rows
        union all
        select max(_loaded_at) as loaded_at from input_rows
    ) as landed
),

-- every ticket in scope 'all', an enterprise's also in 'enterprise' (one read of tickets)
scoped_tickets as (
    select
        tickets.*,
        scopes.scope
    from tickets
    cross join (
        select 'all' as scope
        union all
        select 'enterprise' as scope
    ) as scopes
    where tickets.period_label is not null and (scopes.scope = 'all' or tickets.is_enterprise)
),

weighed as (
    -- whether each ticket counts in rates, and its callback answers as weights
    select
        scoped_tickets.*,
        not(scoped_tickets.is_exempt and schemes.exempt_treatment = 'exclude') as counts_in_rates,
        case scoped_tickets.callback_resolution
            when 'resolved' then schemes.answer_resolved
            when 'partly_resolved' then schemes.answer_partly_resolved
            when 'unresolved' then schemes.answer_unresolved
        end as resolution_weight,
        case scoped_tickets.callback_result_satisfaction
            when 'satisfied' then schemes.answer_satisfied
            when 'basically_satisfied' then schemes.answer_basically_satisfied
            when 'dissatisfied' then schemes.answer_dissatisfied
        end as result_satisfaction_weight,
        case scoped_tickets.callback_process_satisfaction
            when 'satisfied' then schemes.answer_satisfied
            when 'basically_satisfied' then schemes.answer_basically_satisfied
            when 'dissatisfied' then schemes.answer_dissatisfied
        end as process_satisfaction_weight,
        -- the city's sampled answers (市级抽访), weighed alike; 办理结果 from contract v1.1
        case
            when scoped_tickets.is_city_sampled then
                case scoped_tickets.city_resolution
                    when 'resolved' then schemes.answer_resolved
                    when 'partly_resolved' then schemes.answer_partly_resolved
                    when 'unresolved' then schemes.answer_unresolved
                end
        end as city_resolution_weight,
        {% for question in ['result', 'process'] %}
            case
                when scoped_tickets.is_city_sampled then
                    case scoped_tickets.city_{{ question }}_satisfaction
                        when 'satisfied' then schemes.answer_satisfied
                        when 'basically_satisfied' then schemes.answer_basically_satisfied
                        when 'dissatisfied' then schemes.answer_dissatisfied
                    end
            end as city_{{ question }}_weight{% if not loop.last %},{% endif %}
        {% endfor %}
    from scoped_tickets
    inner join schemes
        on
            scoped_tickets.jurisdiction = schemes.jurisdiction
            and scoped_tickets.period_label = schemes.period_label
            and scoped_tickets.scope = schemes.scope
),

by_assigned_period as (
    select
        jurisdiction,
        period_label,
        unit_id,
        scope,
        count(*) as handled_count,
        sum(case when is_closed then 1 else 0 end) as closed_count,
        sum(case when is_returned then 1 else 0 end) as returned_count,
        sum(case when is_in_progress then 1 else 0 end) as in_progress_count,
        sum(case when is_overdue then 1 else 0 end) as overdue_count,
        sum(case when is_redo then 1 else 0 end) as redo_count,
        sum(case when is_city_redo then 1 else 0 end) as city_redo_count,
        sum(case when is_exempt then 1 else 0 end) as exempt_count,
        sum(case when counts_in_rates then 1 else 0 end) as rated_count,
        sum(case when counts_in_rates and is_responded then 1 else 0 end) as responded_count,
        sum(case when counts_in_rates and signed_at is not null then 1 else 0 end) as signed_count,
        sum(case when counts_in_rates and is_closed then 1 else 0 end) as rated_closed_count,
        sum(case when counts_in_rates and is_closed_on_time then 1 else 0 end) as closed_on_time_count,
        sum(case when counts_in_rates and is_returned then 1 else 0 end) as rated_returned_count,
        sum(case when counts_in_rates and is_returned_on_time then 1 else 0 end) as returned_on_time_count,
        sum(case when counts_in_rates and resolution_weight is not null then 1 else 0 end) as resolution_answers,
        sum(case when counts_in_rates then resolution_weight end) as resolution_points,
        sum(case when counts_in_rates and result_satisfaction_weight is not null then 1 else 0 end)
            as result_satisfaction_answers,
        sum(case when counts_in_rates then result_satisfaction_weight end) as result_satisfaction_points,
        sum(case when counts_in_rates and process_satisfaction_weight is not null then 1 else 0 end)
            as process_satisfaction_answers,
        sum(case when counts_in_rates then process_satisfaction_weight end) as process_satisfaction_points,
        {% for column, answer, name in answer_counts() %}
            sum(case when counts_in_rates and {{ column }} = '{{ answer }}' then 1 else 0 end) as {{ name }},
        {% endfor %}
        avg(case when is_closed then handling_workdays end) as avg_handling_workdays,
        sum(case when is_onsite_required then 1 else 0 end) as onsite_ticket_count,
        sum(case when is_onsite_required and is_onsite_in_time then 1 else 0 end) as onsite_in_time_count,
        sum(case when is_onsite_required and met_caller = 'met_on_site' then 1 else 0 end) as met_on_site_count,
        sum(case when is_onsite_required and met_caller = 'not_met_cross_region' then 1 else 0 end)
            as not_met_cross_region_count,
        sum(case when is_onsite_required and met_caller = 'not_needed' then 1 else 0 end)
            as meeting_not_needed_count,
        sum(case when is_city_sampled then 1 else 0 end) as sampled_count,
        sum(
            case
                when is_city_sampled and city_resolution <> 'resolved' and city_process_satisfaction = 'dissatisfied'
                    then 1
                else 0
            end
        ) as unsolved_and_dissatisfied_count,
        sum(
            case
                when is_city_sampled and city_resolution = 'resolved' and city_process_satisfaction = 'dissatisfied'
                    then 1
                else 0
            end
        ) as solved_but_dissatisfied_count,
        sum(
            case
                when is_city_sampled and city_resolution <> 'resolved' and city_process_satisfaction <> 'dissatisfied'
                    then 1
                else 0
            end
        ) as unsolved_but_satisfied_count,
        sum(case when is_city_sampled and city_resolution = 'resolved' then 1 else 0 end) as sampled_solved_count,
        sum(case when is_city_sampled and city_process_satisfaction <> 'dissatisfied' then 1 else 0 end)
            as sampled_satisfied_count,
        {% for question in ['resolution', 'result', 'process'] %}
            sum(case when city_{{ question }}_weight is not null then 1 else 0 end) as city_{{ question }}_answers,
            sum(city_{{ question }}_weight) as city_{{ question }}_points{% if not loop.last %},{% endif %}
        {% endfor %}
    from weighed
    group by jurisdiction, period_label, unit_id, scope
),

by_due_period as (
    -- for schemes whose on-time rate divides by the tickets due in the period
    select
        jurisdiction,
        due_period_label as period_label,
        unit_id,
        scope,
        sum(case when counts_in_rates then 1 else 0 end) as due_count,
        sum(case when counts_in_rates and is_closed_on_time then 1 else 0 end) as due_closed_on_time_count,
        sum(case when counts_in_rates and is_closed then 1 else 0 end) as due_closed_count
    from weighed
    where due_period_label is not null
    group by jurisdiction, due_period_label, unit_id, scope
),

official as (
    -- the newest-loaded statistics row per unit, period and scope
    {{ newest_loaded('official_rows', ['jurisdiction', 'period_label', 'unit_id', 'scope']) }}
),

spine as (
    select
        periods.jurisdiction,
        periods.period_label,
        units.unit_id,
        'all' as scope
    from affected as periods
    inner join units on periods.jurisdiction = units.jurisdiction
    union
    select
        jurisdiction,
        period_label,
        unit_id,
        scope
    from by_assigned_period
    where
        scope = 'enterprise'
        and exists (
            select 1 from affected
            where
                affected.jurisdiction = by_assigned_period.jurisdiction
                and affected.period_label = by_assigned_period.period_label
        )
    union
    select
        jurisdiction,
        period_label,
        unit_id,
        scope
    from official
    where
        scope = 'enterprise'
        and exists (
            select 1 from affected
            where affected.jurisdiction = official.jurisdiction and affected.period_label = official.period_label
        )
),

computed as (
    select
        spine.jurisdiction,
        spine.period_label,
        spine.unit_id,
        spine.scope,
        schemes.scheme_id,
        cast(coalesce(counts.handled_count, 0) as integer) as handled_count,
        cast(coalesce(counts.closed_count, 0) as integer) as closed_count,
        cast(coalesce(counts.returned_count, 0) as integer) as returned_count,
        cast(coalesce(counts.in_progress_count, 0) as integer) as in_progress_count,
        cast(coalesce(counts.overdue_count, 0) as integer) as overdue_count,
        cast(coalesce(counts.redo_count, 0) as integer) as redo_count,
        cast(coalesce(counts.city_redo_count, 0) as integer) as city_redo_count,
        cast(coalesce(counts.exempt_count, 0) as integer) as exempt_count,
        counts.avg_handling_workdays,
        cast(coalesce(counts.rated_count, 0) as integer) as rated_count,
        cast(coalesce(counts.responded_count, 0) as integer) as responded_count,
        cast(coalesce(counts.signed_count, 0) as integer) as signed_count,
        -- tickets due in the period (those still within their limit are carried to the period
        -- they fall due in) and how many of them were closed: for 办结率 over due tickets
        cast(coalesce(due.due_count, 0) as integer) as due_count,
        cast(coalesce(due.due_closed_count, 0) as integer) as due_closed_count,
        cast(case
            when schemes.on_time_denominator = 'due' then coalesce(due.due_count, 0)
            else coalesce(counts.rated_closed_count, 0)
        end as integer) as on_time_denominator_count,
        cast(case
            when schemes.on_time_denominator = 'due' then coalesce(due.due_closed_on_time_count, 0)
            else coalesce(counts.closed_on_time_count, 0)
        end as integer) as on_time_count,
        cast(coalesce(counts.rated_returned_count, 0) as integer) as rated_returned_count,
        cast(coalesce(counts.returned_on_time_count, 0) as integer) as returned_on_time_count,
        cast(coalesce(counts.resolution_answers, 0) as integer) as resolution_answers,
        coalesce(counts.resolution_points, 0) as resolution_points,
        cast(coalesce(counts.result_satisfaction_answers, 0) as integer) as result_satisfaction_answers,
        coalesce(counts.result_satisfaction_points, 0) as result_satisfaction_points,
        cast(coalesce(counts.process_satisfaction_answers, 0) as integer) as process_satisfaction_answers,
        coalesce(counts.process_satisfaction_points, 0) as process_satisfaction_points,
        {% for _, _, name in answer_counts() %}
            cast(coalesce(counts.{{ name }}, 0) as integer) as {{ name }},
        {% endfor %}
        cast(coalesce(counts.onsite_ticket_count, 0) as integer) as onsite_ticket_count,
        cast(coalesce(counts.onsite_in_time_count, 0) as integer) as onsite_in_time_count,
        cast(coalesce(counts.met_on_site_count, 0) as integer) as met_on_site_count,
        cast(coalesce(counts.not_met_cross_region_count, 0) as integer) as not_met_cross_region_count,
        cast(coalesce(counts.meeting_not_needed_count, 0) as integer) as meeting_not_needed_count,
        cast(coalesce(counts.sampled_count, 0) as integer) as sampled_count,
        cast(counts.unsolved_and_dissatisfied_count as integer) as unsolved_and_dissatisfied_count,
        cast(counts.solved_but_dissatisfied_count as integer) as solved_but_dissatisfied_count,
        cast(counts.unsolved_but_satisfied_count as integer) as unsolved_but_satisfied_count,
        cast(counts.sampled_solved_count as integer) as sampled_solved_count,
        cast(counts.sampled_satisfied_count as integer) as sampled_satisfied_count,
        {{ safe_ratio('counts.city_resolution_points', 'counts.city_resolution_answers') }} as sampled_resolution_rate,
        {{ safe_ratio('counts.city_result_points', 'counts.city_result_answers') }} as sampled_result_satisfaction_rate,
        {{ safe_ratio('counts.city_process_points', 'counts.city_process_answers') }}
            as sampled_process_satisfaction_rate,
        {{ safe_ratio('counts.responded_count', 'counts.rated_count') }} as computed_response_rate,
        case
            when schemes.on_time_denominator = 'due'
                then {{ safe_ratio('due.due_closed_on_time_count', 'due.due_count') }}
            else {{ safe_ratio('counts.closed_on_time_count', 'counts.rated_closed_count') }}
        end as computed_on_time_rate,
        {{ safe_ratio('counts.returned_on_time_count', 'counts.rated_returned_count') }} as computed_on_time_return_rate,
        {{ safe_ratio('counts.resolution_points', 'counts.resolution_answers') }} as computed_resolution_rate,
        {{ safe_ratio('counts.result_satisfaction_points', 'counts.result_satisfaction_answers') }}
            as computed_result_satisfaction_rate,
        {{ safe_ratio('counts.process_satisfaction_points', 'counts.process_satisfaction_answers') }}
            as computed_process_satisfaction_rate,
        schemes.satisfaction_basis
    from spine
    left join by_assigned_period as counts
        on
            spine.jurisdiction = counts.jurisdiction
            and spine.period_label = counts.period_label
            and spine.unit_id = counts.unit_id
            and spine.scope = counts.scope
    left join by_due_period as due
        on
            spine.jurisdiction = due.jurisdiction
            and spine.period_label = due.period_label
            and spine.unit_id = due.unit_id
            and spine.scope = due.scope
    left join schemes
        on
            spine.jurisdiction = schemes.jurisdiction
            and spine.period_label = schemes.period_label
            and spine.scope = schemes.scope
),

final as (
    select
        computed.*,
        case computed.satisfaction_basis
            when 'result' then computed.computed_result_satisfaction_rate
            when 'process' then computed.computed_process_satisfaction_rate
            else (computed.computed_result_satisfaction_rate + computed.computed_process_satisfaction_rate) / 2
        end as computed_satisfaction_rate,
        official.handled_count as official_handled_count,
        official.response_rate as official_response_rate,
        official.on_time_rate as official_on_time_rate,
        official.resolution_rate as official_resolution_rate,
        official.satisfaction_rate as official_satisfaction_rate,
        case when official.unit_id is not null then 'official' else 'computed' end as rate_source,
        case computed.satisfaction_basis
            when 'result' then computed.sampled_result_satisfaction_rate
            when 'process' then computed.sampled_process_satisfaction_rate
            else coalesce(
                (computed.sampled_result_satisfaction_rate + computed.sampled_process_satisfaction_rate) / 2,
                computed.sampled_process_satisfaction_rate
            )
        end as sampled_satisfaction_rate,
        batch.source_loaded_at
    from computed
    cross join batch
    left join official
        on
            computed.jurisdiction = official.jurisdiction
            and computed.period_label = official.period_label
            and computed.unit_id = official.unit_id
            and computed.scope = official.scope
)

select * from final
