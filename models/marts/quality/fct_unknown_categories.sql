-- Category paths outside the jurisdiction's taxonomy (ref_categories), by the file that
-- carries them: how many tickets, and their first and last record numbers, so an
-- operator can open the export, read the path and either add it to the taxonomy or
-- correct the export. The path itself is not here: what was typed into 问题分类 may be
-- a person's name, and this mart is published. The tickets are counted under
-- var('unknown_category') everywhere else.
with

tickets as (
    select * from {{ ref('stg_hotline__tickets') }}
    where not is_category_known
),

final as (
    select
        jurisdiction,
        _source_file as source_file,
        cast(count(*) as integer) as ticket_count,
        cast(min(_source_row) as integer) as first_source_row,
        cast(max(_source_row) as integer) as last_source_row
    from tickets
    group by jurisdiction, _source_file
)

select * from final
