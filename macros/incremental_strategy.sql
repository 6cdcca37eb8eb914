{#-
    incremental_strategy(): the strategy every incremental model uses, switched
    by engine. delete+insert on DuckDB and PostgreSQL (replace the rows of the
    affected keys); Spark on plain parquet has no delete, so insert_overwrite
    of the affected partitions there.
-#}
{% macro incremental_strategy() -%}
    {{ return('insert_overwrite' if target.type == 'spark' else 'delete+insert') }}
{%- endmacro %}
