{#-
    The marts' contracts and the seeds' column types name PostgreSQL's spellings
    (text, float8), which DuckDB reads as well. Spark has neither: on Spark a
    contract's types are read through spark_type(), so each model's YAML stays one
    for every engine. dbt's cast() is what the contract check uses.
-#}
{% macro spark_type(type) -%}
    {%- set spellings = {'text': 'string', 'float8': 'double', 'varchar': 'string'} -%}
    {{- return(spellings.get(type | trim | lower, type)) -}}
{%- endmacro %}

{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ spark_type(type) }})
{%- endmacro %}
