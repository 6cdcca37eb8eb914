{#-
    watermark(column): in an incremental run, the newest value of `column`
    already in this model (rows landed later are new); in a full build, a time
    before any data. Landing stamps every row with its load time, so "landed
    after the watermark" means "not processed yet".
-#}
{% macro watermark(column) -%}
    {%- if is_incremental() -%}
        (select coalesce(max({{ column }}), cast('1900-01-01' as timestamp)) from {{ this }})
    {%- else -%}
        cast('1900-01-01' as timestamp)
    {%- endif -%}
{%- endmacro %}
