{#-
    bulletin_parameter(name): a run-time parameter of the bulletin analyses
    (jurisdiction, period). On DuckDB it reads a session variable, so an analyst
    runs a compiled analysis after `set variable jurisdiction = '东昌府区';
    set variable period = '2024-02';`. Elsewhere it falls back to the dbt var of
    the same name (`dbt compile --vars '{jurisdiction: ..., period: ...}'`).
-#}
{% macro bulletin_parameter(name) -%}
    {{ return(adapter.dispatch('bulletin_parameter', 'hotline_warehouse')(name)) }}
{%- endmacro %}

{% macro duckdb__bulletin_parameter(name) -%}getvariable('{{ name }}'){%- endmacro %}

{% macro default__bulletin_parameter(name) -%}'{{ var(name) }}'{%- endmacro %}
