{#-
    unnest_regex_matches(text, pattern): a set-returning select-list expression,
    one row per match of the pattern's first capture group in the text (no row
    when nothing matches). Use it as the only set-returning expression of a select.
-#}
{% macro unnest_regex_matches(text, pattern) -%}
    {{ return(adapter.dispatch('unnest_regex_matches', 'hotline_warehouse')(text, pattern)) }}
{%- endmacro %}

{% macro duckdb__unnest_regex_matches(text, pattern) -%}
    unnest(regexp_extract_all({{ text }}, '{{ pattern }}', 1))
{%- endmacro %}

{% macro default__unnest_regex_matches(text, pattern) -%}
    (regexp_matches({{ text }}, '{{ pattern }}', 'g'))[1]
{%- endmacro %}

{% macro spark__unnest_regex_matches(text, pattern) -%}
    explode(regexp_extract_all({{ text }}, '{{ pattern }}', 1))
{%- endmacro %}
