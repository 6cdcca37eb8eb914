{#-
    row_fingerprint(columns): a value equal for two rows exactly when the listed
    text columns are (null and '' alike), used only to tell a ticket's exact
    repeats within one file from its conflicting rows. DuckDB's own hash() of
    the columns (one pass, no string built); elsewhere md5 of the columns
    joined with '|'.
-#}
{% macro row_fingerprint(columns) -%}
    {{ return(adapter.dispatch('row_fingerprint')(columns)) }}
{%- endmacro %}

{% macro default__row_fingerprint(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- if not loop.first -%}{%- do parts.append("'|'") -%}{%- endif -%}
        {%- do parts.append("coalesce(" ~ column ~ ", '')") -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{% macro duckdb__row_fingerprint(columns) -%}
    hash({% for column in columns %}coalesce({{ column }}, ''){{ ', ' if not loop.last }}{% endfor %})
{%- endmacro %}
