-- Repeat demands as chains (重复诉求): each chain of two or more tickets of the same
-- caller, or about the same place and category, each within the jurisdiction's
-- window of the one before (int_ticket_repeats). No personal data: the chain is
-- named by a hash, a caller chain carries no phone, name or hash of either.
-- A chain's first ticket is its one ticket that repeats nothing (is_repeat false).
with

-- a chain of two or more tickets holds a repeat, and most chains are one ticket: the
-- rows of the others are grouped, not every row (the table is read twice, never
-- through one CTE, which DuckDB would copy whole)
repeated_chains as (
    select distinct repeated.chain_id
    from {{ ref('int_ticket_repeats') }} as repeated
    where repeated.is_repeat
),

repeats as (
    select chained.*
    from {{ ref('int_ticket_repeats') }} as chained
    where chained.chain_id in (select repeated_chains.chain_id from repeated_chains)
),

final as (
    select
        chain_id,
        max(jurisdiction) as jurisdiction,
        max(link_kind) as link_kind,
        max(place_name) as place_name,
        max(category_path) as category_path,
        max(case when not is_repeat then ticket_id end) as first_ticket_id,
        max(case when not is_repeat then period_label end) as first_period_label,
        min(received_at) as first_received_at,
        max(received_at) as last_received_at,
        cast(count(*) as integer) as ticket_count
    from repeats
    group by chain_id
    having count(*) > 1
)

select * from final
