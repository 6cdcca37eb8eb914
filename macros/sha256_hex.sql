{#- sha256_hex(text): the SHA-256 of a text as 64 hex characters, on every engine. -#}
{% macro sha256_hex(text) -%}
    {{ return(adapter.dispatch('sha256_hex', 'hotline_warehouse')(text)) }}
{%- endmacro %}

{% macro duckdb__sha256_hex(text) -%}sha256({{ text }}){%- endmacro %}

{% macro postgres__sha256_hex(text) -%}encode(sha256(convert_to({{ text }}, 'UTF8')), 'hex'){%- endmacro %}

{% macro spark__sha256_hex(text) -%}sha2({{ text }}, 256){%- endmacro %}
