{#-
    phone_salt(): the salt of caller_phone_hash, read at run time and never
    compiled into SQL (it is a secret, and target/ keeps compiled SQL). On DuckDB
    the dbt-duckdb plugin hotline.dbt_plugin sets the session variable phone_salt
    from HOTLINE_PHONE_SALT; elsewhere a session setting of the same name.
-#}
{% macro phone_salt() -%}
    {{ return(adapter.dispatch('phone_salt', 'hotline_warehouse')()) }}
{%- endmacro %}

{% macro duckdb__phone_salt() -%}getvariable('phone_salt'){%- endmacro %}

{% macro default__phone_salt() -%}current_setting('hotline.phone_salt'){%- endmacro %}

{#- Spark substitutes ${env:NAME} from its driver's environment before parsing (hotline.spark) -#}
{% macro spark__phone_salt() -%}cast(unbase64('${env:HOTLINE_PHONE_SALT_B64}') as string){%- endmacro %}
