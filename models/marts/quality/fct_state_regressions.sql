-- Stale exports: a version of a ticket that arrived after a newer one (its own latest
-- lifecycle event is older than that of a version loaded before it). The newest
-- lifecycle state still wins in staging; this mart says which tickets an old export
-- would have turned back (closed -> 办理中), from which file to which, so an operator
-- can see a re-sent or out-of-order export. No personal data: ids, states, files.
with

versions as (
    select * from {{ ref('stg_hotline__ticket_versions') }}
),

-- only a ticket seen in more than one export can have a stale one (read apart: a CTE
-- read twice is materialised whole by DuckDB)
seen_twice as (
    select distinct seen.ticket_id
    from {{ ref('stg_hotline__ticket_versions') }} as seen
    where seen.version_number > 1
),

in_load_order as (
    select
        ticket_id,
        jurisdiction,
        status,
        ticket_as_of,
        _source_file,
        _loaded_at,
        max(ticket_as_of) over (
            partition by ticket_id
            order by _loaded_at, _source_file
            rows between unbounded preceding and 1 preceding
        ) as newest_known_before
    from versions
    where ticket_id in (select seen_twice.ticket_id from seen_twice)
),

newest_before as (
    select
        later.ticket_id,
        later.jurisdiction,
        later.status as stale_status,
        later._source_file as stale_file,
        later._loaded_at as stale_loaded_at,
        later.ticket_as_of as stale_as_of,
        earlier.status as newer_status,
        earlier._source_file as newer_file,
        earlier.ticket_as_of as newer_as_of,
        row_number() over (
            partition by later.ticket_id, later._source_file
            order by earlier.ticket_as_of desc, earlier._loaded_at desc
        ) as pick
    from in_load_order as later
    inner join in_load_order as earlier
        on
            later.ticket_id = earlier.ticket_id
            and earlier._loaded_at <= later._loaded_at
            and earlier._source_file <> later._source_file
            and earlier.ticket_as_of = later.newest_known_before
    where later.ticket_as_of < later.newest_known_before
),

final as (
    select
        ticket_id,
        jurisdiction,
        newer_status as from_status,
        stale_status as to_status,
        newer_status <> stale_status as changes_status,
        newer_file,
        stale_file,
        newer_as_of,
        stale_as_of,
        stale_loaded_at
    from newest_before
    where pick = 1
)

select * from final
