-- The problem categories (问题分类) seen in tickets, one row per full path, with
-- its levels (一级 / 二级 / 三级) and how many tickets carry it.
with

paths as (
    select * from {{ ref('int_period_member_counts') }}
    where dimension = 'category_path' and member <> '(none)'
),

final as (
    select
        member as category_path,
        nullif(split_part(member, '/', 1), '') as category_level_1,
        nullif(split_part(member, '/', 2), '') as category_level_2,
        nullif(split_part(member, '/', 3), '') as category_level_3,
        cast(sum(ticket_count) as integer) as ticket_count
    from paths
    group by member
)

select * from final
