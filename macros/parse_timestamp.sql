{#-
    parse_timestamp(text): a timestamp in one of the formats the export
    contract lists (YYYY-MM-DD HH:MM:SS, YYYY/M/D H:MM, with or without
    seconds), or null when the text is none of them. Callers compare the
    result with the input to tell "empty" from "unparseable".
-#}
{% macro parse_timestamp(text) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'hotline_warehouse')(text)) }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(text) -%}
    try_strptime({{ text }}, ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M'])
{%- endmacro %}

{% macro default__parse_timestamp(text) -%}
    case
        when {{ text }} ~ '^\d{4}[-/]\d{1,2}[-/]\d{1,2} \d{1,2}:\d{2}(:\d{2})?$'
            then to_timestamp(replace({{ text }}, '/', '-'), 'YYYY-MM-DD HH24:MI:SS')::timestamp
    end
{%- endmacro %}
