{#-
    newest_loaded(relation, keys): one row per `keys` from `relation`, the one
    loaded last (then the later file name and record): a file landed later
    supersedes an earlier file's row for the same unit and period.
-#}
{% macro newest_loaded(relation, keys) -%}
    select *
    from (
        select
            loaded_rows.*,
            row_number() over (
                partition by {{ keys | join(', ') }}
                order by loaded_rows._loaded_at desc, loaded_rows._source_file desc, loaded_rows._source_row desc
            ) as recency
        from {{ relation }} as loaded_rows
    ) as ranked
    where recency = 1
{%- endmacro %}
