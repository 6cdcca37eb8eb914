{#- regex_matches(text, pattern): true when the text matches the (RE2/POSIX) pattern, null for null text. -#}
{% macro regex_matches(text, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'hotline_warehouse')(text, pattern)) }}
{%- endmacro %}

{% macro duckdb__regex_matches(text, pattern) -%}regexp_matches({{ text }}, '{{ pattern }}'){%- endmacro %}

{% macro default__regex_matches(text, pattern) -%}({{ text }} ~ '{{ pattern }}'){%- endmacro %}

{% macro spark__regex_matches(text, pattern) -%}({{ text }} rlike '{{ pattern }}'){%- endmacro %}
