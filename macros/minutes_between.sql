{#-
    minutes_between(start, end): minute boundaries crossed from start to end, as
    DuckDB's and PostgreSQL's datediff count them (08:59:59 to 09:00:00 is one).
    dbt-spark's datediff rounds the seconds up instead, so Spark counts whole
    minutes of both ends truncated.
-#}
{% macro minutes_between(start, end) -%}
    {{ return(adapter.dispatch('minutes_between', 'hotline_warehouse')(start, end)) }}
{%- endmacro %}

{% macro default__minutes_between(start, end) -%}{{ dbt.datediff(start, end, 'minute') }}{%- endmacro %}

{% macro spark__minutes_between(start, end) -%}
    cast((unix_timestamp(date_trunc('minute', {{ end }})) - unix_timestamp(date_trunc('minute', {{ start }}))) / 60 as bigint)
{%- endmacro %}
