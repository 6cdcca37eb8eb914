-- Every category a mart publishes is a path of its jurisdiction's taxonomy (or the
-- label unknown paths are counted under): free text typed into 问题分类 never
-- reaches fct_tickets or dim_categories (the breakdowns' levels come from the same paths).
with

taxonomy as (
    select
        jurisdiction,
        category_path
    from {{ ref('ref_categories') }}
),

published as (
    select distinct
        jurisdiction,
        category_path
    from {{ ref('fct_tickets') }}
    union all
    -- dim_categories spans jurisdictions: '*' matches any taxonomy row below
    select
        '*' as jurisdiction,
        category_path
    from {{ ref('dim_categories') }}
),

final as (
    select published.*
    from published
    where
        published.category_path <> '{{ var("unknown_category") }}'
        and not exists (
            select 1
            from taxonomy
            where
                taxonomy.category_path = published.category_path
                and (
                    published.jurisdiction = '*'
                    or taxonomy.jurisdiction in (published.jurisdiction, '*')
                )
        )
)

select * from final
