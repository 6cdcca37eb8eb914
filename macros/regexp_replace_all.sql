{#-
    regexp_replace_all(text, pattern, replacement): replace every match.
    DuckDB and PostgreSQL need the 'g' flag; Spark replaces all matches anyway.
-#}
{% macro regexp_replace_all(text, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'hotline_warehouse')(text, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace_all(text, pattern, replacement) -%}
    regexp_replace({{ text }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(text, pattern, replacement) -%}
    regexp_replace({{ text }}, '{{ pattern }}', '{{ replacement | replace("\\", "$") }}')
{%- endmacro %}
