-- 三、民生热点问题 (主要涉及): the places the complaints of each topic name, most
-- named first.
select
    places.category_level_2,
    places.place_name,
    places.place_kind,
    places.ticket_count,
    places.place_rank
from {{ ref('fct_hotspot_places') }} as places
where
    places.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and places.period_label = {{ bulletin_parameter('period') }}
order by places.category_level_2, places.place_rank, places.place_name
