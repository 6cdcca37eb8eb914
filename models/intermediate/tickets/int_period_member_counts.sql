-- Tickets per jurisdiction x period x dimension x member: the base of the
-- period mixes (fct_period_breakdowns) and of dim_categories. Dimensions:
-- channel, request type, category levels 1-3 (with the parent level), the full
-- category path, and the unit group.
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

tickets as (
    select all_tickets.*
    from all_tickets
    inner join affected
        on all_tickets.jurisdiction = affected.jurisdiction and all_tickets.period_label = affected.period_label
),

batch as (
    select max(enriched.source_loaded_at) as source_loaded_at from {{ ref('int_tickets_enriched') }} as enriched
),

members as (
    {% set dimensions = [
        ('channel', 'channel', 'null'),
        ('request_type', 'request_type', 'null'),
        ('category_level_1', 'category_level_1', 'null'),
        ('category_level_2', 'category_level_2', 'category_level_1'),
        ('category_level_3', 'category_level_3', 'category_level_2'),
        ('category_path', 'category_path', 'null'),
        ('unit_group', 'kind_group', 'null'),
    ] %}
    {% for dimension, column, parent in dimensions %}
        select
            jurisdiction,
            period_label,
            '{{ dimension }}' as dimension,
            coalesce({{ column }}, '(none)') as member,
            max({{ parent }}) as parent_member,
            count(*) as ticket_count
        from tickets
        group by jurisdiction, period_label, coalesce({{ column }}, '(none)')
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        members.jurisdiction,
        members.period_label,
        members.dimension,
        members.member,
        members.parent_member,
        cast(members.ticket_count as integer) as ticket_count,
        batch.source_loaded_at
    from members
    cross join batch
)

select * from final
