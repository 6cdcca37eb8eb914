{#-
    append_strategy(): for incremental models that only ever add rows (a new
    file's staged rows, a new file's reconciliation): plain append on every
    engine, no delete of matching keys to pay for.
-#}
{% macro append_strategy() -%}
    {{ return('append') }}
{%- endmacro %}
