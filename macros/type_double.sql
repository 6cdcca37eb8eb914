{#-
    type_double(): an 8-byte floating-point type on every engine. dbt's own
    type_float() is a 4-byte FLOAT on DuckDB, which loses rates past the 7th
    digit (0.9301 becomes 0.93010002): rates would then round differently.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'hotline_warehouse')()) }}
{%- endmacro %}

{% macro default__type_double() -%}double precision{%- endmacro %}

{% macro spark__type_double() -%}double{%- endmacro %}
