{#-
    Use the folder's schema as it is (raw, staging, intermediate, marts, ...)
    instead of dbt's default "<target schema>_<custom schema>", so that analysts
    and BI tools see stable schema names in every environment.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
