-- Hot topics (民生热点问题): the second-level categories with the most tickets in
-- a period, ranked (1, 1, 3 on ties), with count, share, 同比, 环比, and the
-- units that handled most of them (top three, with their counts). The number of
-- topics kept is the var hotspot_count (default 10).
with

breakdowns as (
    select * from {{ ref('fct_period_breakdowns') }}
    where dimension = 'category_level_2'
),

topic_units as (
    select * from {{ ref('int_period_topic_unit_counts') }}
),

units as (
    select * from {{ ref('dim_units') }}
),

ranked_topics as (
    select
        breakdowns.*,
        rank() over (partition by breakdowns.jurisdiction, breakdowns.period_label order by breakdowns.ticket_count desc) as hotspot_rank
    from breakdowns
    where breakdowns.member <> '(none)'
),

unit_counts as (
    select
        topic_units.jurisdiction,
        topic_units.period_label,
        topic_units.category_level_2,
        units.unit_name,
        topic_units.ticket_count as unit_ticket_count,
        row_number() over (
            partition by topic_units.jurisdiction, topic_units.period_label, topic_units.category_level_2
            order by topic_units.ticket_count desc, units.unit_name asc
        ) as unit_position
    from topic_units
    inner join units on topic_units.unit_id = units.unit_id
),

top_units as (
    select
        jurisdiction,
        period_label,
        category_level_2,
        {{ dbt.listagg(
            dbt.concat(["unit_name", "'('", "cast(unit_ticket_count as " ~ dbt.type_string() ~ ")", "')'"]),
            "'、'", "order by unit_position") }} as top_units
    from unit_counts
    where unit_position <= 3
    group by jurisdiction, period_label, category_level_2
),

final as (
    select
        ranked_topics.jurisdiction,
        ranked_topics.period_label,
        cast(ranked_topics.hotspot_rank as integer) as hotspot_rank,
        ranked_topics.parent_member as category_level_1,
        ranked_topics.member as category_level_2,
        ranked_topics.ticket_count,
        ranked_topics.share,
        ranked_topics.ticket_count_yoy,
        ranked_topics.ticket_count_mom,
        top_units.top_units
    from ranked_topics
    left join top_units
        on
            ranked_topics.jurisdiction = top_units.jurisdiction
            and ranked_topics.period_label = top_units.period_label
            and ranked_topics.member = top_units.category_level_2
    where ranked_topics.hotspot_rank <= {{ var('hotspot_count', 10) }}
)

select * from final
