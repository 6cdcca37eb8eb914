-- Repeat demands (重复诉求): a ticket repeats an earlier one when the same caller
-- (the salted phone hash) or the same place about the same category came to the
-- hotline at most N days before it (N from cfg_repeat_windows, else
-- var('repeat_window_days')). Tickets linked this way form chains: consecutive
-- tickets of one caller, or of one place and category, each within N days of the
-- one before; a gap of more than N days starts a new chain. One row per ticket and
-- link; is_repeat is true for every ticket of a chain but its first. The chain id is
-- a hash of the link (in letters only), never the phone hash itself.
with

tickets as (
    select
        ticket_id,
        jurisdiction,
        period_label,
        unit_id,
        received_at,
        category_path,
        caller_phone_hash
    from {{ ref('int_tickets_enriched') }}
),

places as (
    select * from {{ ref('int_ticket_places') }}
    where place_name is not null
),

windows as (
    select * from {{ ref('cfg_repeat_windows') }}
),

links as (
    select
        tickets.*,
        'caller' as link_kind,
        tickets.caller_phone_hash as link_key,
        cast(null as {{ dbt.type_string() }}) as place_name
    from tickets
    where tickets.caller_phone_hash is not null
    union all
    select
        tickets.*,
        'place' as link_kind,
        {{ dbt.concat(['places.place_name', "'|'", 'tickets.category_path']) }} as link_key,
        places.place_name
    from tickets
    inner join places on tickets.ticket_id = places.ticket_id
),

ordered as (
    select
        links.*,
        coalesce(windows.window_days, {{ var('repeat_window_days') }}) as window_days,
        lag(links.received_at) over (
            partition by links.jurisdiction, links.link_kind, links.link_key
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
            partition by starts.jurisdiction, starts.link_kind, starts.link_key
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
        place_name,
        case when link_kind = 'place' then category_path end as category_path,
        -- letters only (the hash's digits mapped to g-p): an id no phone or ID pattern can match
        translate(md5({{ dbt.concat([
            'jurisdiction', "'|'", 'link_kind', "'|'", 'link_key', "'|'",
            'cast(chain_number as ' ~ dbt.type_string() ~ ')'
        ]) }}), '0123456789', 'ghijklmnop') as chain_id,
        starts_chain = 0 as is_repeat
    from chained
)

select * from final
