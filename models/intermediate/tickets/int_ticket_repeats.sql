-- Repeat demands (重复诉求): a ticket repeats an earlier one when the same caller
-- (the salted phone hash) or the same place about the same category came to the
-- hotline at most N days before it (N from cfg_repeat_windows, else
-- var('repeat_window_days')). Tickets linked this way form chains: consecutive
-- tickets of one caller, or of one place and category, each within N days of the
-- one before; a gap of more than N days starts a new chain. One row per ticket and
-- link; is_repeat is true for every ticket of a chain but its first. The link and
-- chain ids are hashes of the link (in letters only), never the phone hash itself.
-- Incremental: a link that a changed ticket (newest version landed since the last
-- run) holds now or held before is renumbered from that ticket's place in time on,
-- continuing the chain number of the link's last ticket before it; earlier rows stay.
-- A ticket that left a link is written as a row without chain (a tombstone: it
-- replaces the old row) and removed after the insert. A changed window
-- (cfg_repeat_windows, the variable) needs a full refresh.
-- chained_through: the newest ticket load when the row was written, so an
-- incremental run's tests read the rows it wrote (meta.new_rows_column), the
-- renumbered ones too, whose source_loaded_at is older.
{% set chained_through -%}
    (select max(stamped.source_loaded_at) from {{ ref('int_tickets_enriched') }} as stamped)
{%- endset %}
{{ config(
    materialized=ticket_grain_materialization(),
    incremental_strategy=incremental_strategy(),
    unique_key=['link_id', 'ticket_id'],
    post_hook="{% if is_incremental() %}delete from {{ this }} where chain_id is null{% endif %}",
) }}

with

places as (
    select
        ticket_id,
        place_name
    from {{ ref('int_ticket_places') }}
    -- a changed ticket's places were written with its load time (int_ticket_places):
    -- an incremental run reads those, not every place (a full build reads all)
    where
        place_name is not null
        and source_loaded_at > {{ watermark('source_loaded_at') }}
),

windows as (
    select * from {{ ref('cfg_repeat_windows') }}
),

{% if is_incremental() %}
    changed_tickets as (
        select
            tickets.ticket_id,
            tickets.jurisdiction,
            tickets.period_label,
            tickets.unit_id,
            tickets.received_at,
            tickets.category_path,
            tickets.caller_phone_hash,
            tickets.source_loaded_at
        from {{ ref('int_tickets_enriched') }} as tickets
        where tickets.source_loaded_at > {{ watermark('source_loaded_at') }}
    ),

    -- the links the changed tickets hold now ...
    changed_links as (
        {{ repeat_links('changed_tickets', 'places') }}
    ),

    -- ... and held before
    previous_links as (
        select previous.*
        from {{ this }} as previous
        where previous.ticket_id in (select changed_tickets.ticket_id from changed_tickets)
    ),

    -- each such link is renumbered from the earliest of those tickets on
    cuts as (
        select
            moved.link_id,
            min(moved.received_at) as renumber_from
        from (
            select changed_links.link_id, changed_links.received_at from changed_links
            union all
            select previous_links.link_id, previous_links.received_at from previous_links
        ) as moved
        group by moved.link_id
    ),

    -- where the renumbering starts: the link's last ticket before it (a changed ticket's
    -- old row never is: the cut is at or before it). `this` is read twice, never through
    -- one CTE: DuckDB would materialise every row of these links, wide
    chain_base as (
        select
            previous.link_id,
            max(previous.received_at) as base_received_at,
            max(previous.chain_number) as base_chain_number
        from {{ this }} as previous
        inner join cuts on previous.link_id = cuts.link_id
        where previous.received_at < cuts.renumber_from
        group by previous.link_id
    ),

    -- the unchanged tickets of those links from there on
    kept as (
        select previous.*
        from {{ this }} as previous
        inner join cuts on previous.link_id = cuts.link_id
        where
            previous.received_at >= cuts.renumber_from
            and previous.ticket_id not in (select changed_tickets.ticket_id from changed_tickets)
    ),

    links as (
        select
            kept.ticket_id,
            kept.jurisdiction,
            kept.period_label,
            kept.unit_id,
            kept.received_at,
            kept.category_path,
            kept.source_loaded_at,
            kept.link_kind,
            kept.place_name,
            kept.link_id
        from kept
        union all
        -- the same columns in the same order (repeat_links)
        select * from changed_links
    ),

    -- a link a changed ticket no longer holds: its old row is replaced by one without chain
    tombstones as (
        select
            previous_links.ticket_id,
            previous_links.jurisdiction,
            previous_links.period_label,
            previous_links.unit_id,
            previous_links.received_at,
            previous_links.link_kind,
            previous_links.link_id,
            previous_links.place_name,
            previous_links.category_path,
            cast(null as {{ dbt.type_string() }}) as chain_id,
            cast(null as {{ dbt.type_int() }}) as chain_number,
            cast(null as boolean) as is_repeat,
            previous_links.source_loaded_at,
            {{ chained_through }} as chained_through
        from previous_links
        where not exists (
            select 1 from changed_links
            where
                changed_links.link_id = previous_links.link_id
                and changed_links.ticket_id = previous_links.ticket_id
        )
    ),
{% else %}
    -- every ticket, read by repeat_links twice (callers, places) straight from the table:
    -- DuckDB would materialise a CTE read twice, a copy of every ticket
    links as (
        {{ repeat_links(ref('int_tickets_enriched'), 'places') }}
    ),

    chain_base as (
        select
            cast(null as {{ dbt.type_string() }}) as link_id,
            cast(null as {{ dbt.type_timestamp() }}) as base_received_at,
            cast(null as {{ dbt.type_int() }}) as base_chain_number
        where 1 = 0
    ),
{% endif %}

ordered as (
    select
        links.*,
        coalesce(windows.window_days, {{ var('repeat_window_days') }}) as window_days,
        coalesce(
            lag(links.received_at) over (
                partition by links.link_id
                order by links.received_at asc, links.ticket_id asc
            ),
            chain_base.base_received_at
        ) as previous_received_at,
        coalesce(chain_base.base_chain_number, 0) as base_chain_number
    from links
    left join windows on links.jurisdiction = windows.jurisdiction
    left join chain_base on links.link_id = chain_base.link_id
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
        starts.base_chain_number + sum(starts.starts_chain) over (
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
        {{ letters_hash(dbt.concat(['link_id', "'|'", 'cast(chain_number as ' ~ dbt.type_string() ~ ')'])) }}
            as chain_id,
        chain_number,
        starts_chain = 0 as is_repeat,
        source_loaded_at,
        {{ chained_through }} as chained_through
    from chained
)

select * from final
{%- if is_incremental() %}
    union all
    select * from tombstones
{%- endif %}
