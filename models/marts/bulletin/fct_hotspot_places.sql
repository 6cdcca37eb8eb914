-- The places the complaints of a topic name, per period (民生热点问题 ... 主要涉及
-- 聚鑫苑小区、管道局家属院等, bulletin 2024-02 section 三): for each second-level
-- category, the places ranked by the tickets that name them (1, 1, 3 on ties).
-- Only places named by at least var('place_min_tickets') tickets are kept.
with

places as (
    select * from {{ ref('int_ticket_places') }}
    where place_name is not null
),

tickets as (
    select * from {{ ref('int_tickets_enriched') }}
    where period_label is not null
),

counted as (
    select
        tickets.jurisdiction,
        tickets.period_label,
        tickets.category_level_1,
        tickets.category_level_2,
        places.place_name,
        places.place_kind,
        count(*) as ticket_count
    from places
    inner join tickets on places.ticket_id = tickets.ticket_id
    group by
        tickets.jurisdiction,
        tickets.period_label,
        tickets.category_level_1,
        tickets.category_level_2,
        places.place_name,
        places.place_kind
    having count(*) >= {{ var('place_min_tickets') }}
),

final as (
    select
        jurisdiction,
        period_label,
        category_level_1,
        category_level_2,
        place_name,
        place_kind,
        cast(ticket_count as integer) as ticket_count,
        cast(rank() over (
            partition by jurisdiction, period_label, category_level_2
            order by ticket_count desc
        ) as integer) as place_rank
    from counted
)

select * from final
