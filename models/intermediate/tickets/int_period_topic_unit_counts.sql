-- Tickets per jurisdiction x period x second-level category x unit: which units
-- handled a hot topic (fct_hotspots).
-- Incremental: only the affected periods are recounted.
{{ config(
    materialized='incremental',
    incremental_strategy=incremental_strategy(),
    unique_key=['jurisdiction', 'period_label'],
    partition_by=period_partitions(),
) }}

with

all_tickets as (
    select * from {{ ref('int_tickets_enriched') }}
),

-- the ticket table is read apart for the changes and the batch time, never through
-- all_tickets: DuckDB materialises a CTE read more than once, a copy of every ticket
changes as (
    {{ changed_ticket_periods(ref('int_tickets_enriched')) }}
),

affected as (
    {{ affected_periods('changes', ref('dim_periods')) }}
),

batch as (
    select max(enriched.source_loaded_at) as source_loaded_at from {{ ref('int_tickets_enriched') }} as enriched
),

counted as (
    select
        all_tickets.jurisdiction,
        all_tickets.period_label,
        all_tickets.category_level_2,
        all_tickets.unit_id,
        count(*) as ticket_count
    from all_tickets
    inner join affected
        on all_tickets.jurisdiction = affected.jurisdiction and all_tickets.period_label = affected.period_label
    group by all_tickets.jurisdiction, all_tickets.period_label, all_tickets.category_level_2, all_tickets.unit_id
),

final as (
    select
        counted.jurisdiction,
        counted.period_label,
        counted.category_level_2,
        counted.unit_id,
        cast(counted.ticket_count as integer) as ticket_count,
        batch.source_loaded_at
    from counted
    cross join batch
)

select * from final
