-- The problem categories (问题分类) seen in tickets, one row per full path, with
-- its levels (一级 / 二级 / 三级).
with

tickets as (
    select * from {{ ref('stg_hotline__tickets') }}
),

final as (
    select
        category_path,
        category_level_1,
        category_level_2,
        category_level_3,
        cast(count(*) as integer) as ticket_count
    from tickets
    group by category_path, category_level_1, category_level_2, category_level_3
)

select * from final
