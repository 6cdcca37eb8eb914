{#-
    incremental_strategy(): the strategy every incremental model uses, switched
    by engine. delete+insert on DuckDB and PostgreSQL (replace the rows of the
    affected keys); Spark on plain parquet has no delete, so insert_overwrite
    of the affected partitions there: period_partitions() partitions a
    period-grain model by (jurisdiction, period_label), and its incremental
    select already holds every row of each period it touches.
-#}
{% macro incremental_strategy() -%}
    {{ return('insert_overwrite' if target.type == 'spark' else 'delete+insert') }}
{%- endmacro %}

{% macro period_partitions() -%}
    {{ return(['jurisdiction', 'period_label'] if target.type == 'spark' else none) }}
{%- endmacro %}

{#-
    ticket_grain_materialization(): a model keyed by ticket replaces the rows of
    the tickets that changed, which needs a row delete: incremental on DuckDB
    and PostgreSQL; on Spark's plain Parquet tables (no Delta or Iceberg jars
    here) such a model is rebuilt whole on every run.
-#}
{% macro ticket_grain_materialization() -%}
    {{ return('table' if target.type == 'spark' else 'incremental') }}
{%- endmacro %}
