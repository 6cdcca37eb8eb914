-- Repeat demands (重复诉求): a ticket repeats an earlier one when the same caller
-- (the salted phone hash) or the same place about the same category came to the
-- hotline at most N days before it (N from cfg_repeat_windows, else
-- var('repeat_window_days')). Tickets linked this way form chains: consecutive
-- tickets of one caller, or of one place and category, each within N days of the
-- one before; a gap of more than N days starts a new chain. One row per ticket and
-- link; is_repeat is true for every ticket of a chain but its first. The link and
-- chain ids are hashes of the link (in letters only), never the phone hash itself.
-- Incremental: only the links the changed tickets (newest version landed since the
-- last run) hold now or held before are renumbered, each from all its tickets; a
-- changed window (cfg_repeat_windows, the variable) needs a full refresh.
{{ config(
    materialized=ticket_grain_materialization(),
    incremental_strategy=incremental_strategy(),
    unique_key='link_id',
) }}

with

tickets as (
    select
        ticket_id,
        jurisdiction,
        period_label,
        unit_id,
        received_at,
        category_path,
        caller_phone_hash,
        source_loaded_at
    from {{ ref('int_tickets_enriched') }}
),

places as (
    select
        ticket_id,
        place_name
    from {{ ref('int_ticket_places') }}
    where place_name is not null
),

windows as (
    select * from {{ ref('cfg_repeat_windows') }}
),

{% if is_incremental() %}
    changed_tickets as (
        select tickets.* from tickets
        where tickets.source_loaded_at > {{ watermark('source_loaded_at') }}
    ),

    -- the links the changed tickets hold now
    changed_links as (
        {{ repeat_links('changed_tickets', 'places') }}
    ),

    -- ... and held before: every ticket of these links is chained again
    affected as (
        select changed_links.link_id from changed_links
        union
        select previous.link_id from {{ this }} as previous
        where previous.ticket_id in (select changed_tickets.ticket_id from changed_tickets)
    ),

    members as (
        select changed_tickets.ticket_id from changed_tickets
        union
        select previous.ticket_id from {{ this }} as previous
        where previous.link_id in (select affected.link_id from affected)
    ),

    member_tickets as (
        select tickets.* from tickets
        where tickets.ticket_id in (select members.ticket_id from members)
    ),

    links as (
        select keyed.* from ({{ repeat_links('member_tickets', 'places') }}) as keyed
        where keyed.link_id in (select affected.link_id from affected)
    ),
{% else %}
    links as (
        {{ repeat_links('tickets', 'places') }}
    ),
{% endif %}

ordered as (
    select
        links.*,
        coalesce(windows.window_days, {{ var('repeat_window_days') }}) as window_days,
        lag(links.received_at) over (
            partition by links.link_id
            order by links.received_at asc, links.ticket_id asc
        ) as previous_received_at
    from links
    left join windows on links.jurisdiction = windows.jurisdiction
),

starts as (
    select
        ordered.*,
        case
            when ordered.previous_received_at is null then 1
            when ordered.received_at > {{ dbt.dateadd('day', 'ordered.window_days', 'ordered.previous_received_at') }}
                then 1
            else 0
        end as starts_chain
    from ordered
),

chained as (
    select
        starts.*,
        sum(starts.starts_chain) over (
            partition by starts.link_id
            order by starts.received_at asc, starts.ticket_id asc
            rows between unbounded preceding and current row
        ) as chain_number
    from starts
),

final as (
    select
        ticket_id,
        jurisdiction,
        period_label,
        unit_id,
        received_at,
        link_kind,
        link_id,
        place_name,
        case when link_kind = 'place' then category_path end as category_path,
        {{ letters_hash(dbt.concat([
            'jurisdiction', "'|'", 'link_kind', "'|'", 'link_key', "'|'",
            'cast(chain_number as ' ~ dbt.type_string() ~ ')'
        ])) }} as chain_id,
        starts_chain = 0 as is_repeat,
        source_loaded_at
    from chained
)

select * from final
