{#-
    dbt's listagg on Spark ignores its order_by_clause (collect_list keeps no
    order), so a bulletin's "top three units" could come out in any order. Here
    the values are collected with their sort key and sorted before they are
    joined. An order by one ascending expression is what the project uses;
    anything else is refused at compile time rather than silently unordered.
-#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if order_by_clause -%}
        {%- set key = order_by_clause | trim -%}
        {%- if not key.lower().startswith('order by ') -%}
            {{ exceptions.raise_compiler_error("listagg: an order_by_clause starts with 'order by': " ~ key) }}
        {%- endif -%}
        {%- set key = key[9:] | trim -%}
        {%- if key.lower().endswith(' asc') -%}{%- set key = key[:-4] | trim -%}{%- endif -%}
        {%- if ',' in key or key.lower().endswith(' desc') -%}
            {{ exceptions.raise_compiler_error("listagg on Spark: order by one ascending expression, not " ~ key) }}
        {%- endif -%}
        {%- set collected = "transform(array_sort(collect_list(struct(" ~ key ~ " as sort_key, " ~ measure ~ " as item))), entry -> entry.item)" -%}
    {%- else -%}
        {%- set collected = "collect_list(" ~ measure ~ ")" -%}
    {%- endif -%}
    {%- if limit_num -%}{%- set collected = "slice(" ~ collected ~ ", 1, " ~ limit_num ~ ")" -%}{%- endif -%}
    array_join({{ collected }}, {{ delimiter_text }})
{%- endmacro %}
