{#-
    parse_timestamp(text): a timestamp in any unambiguous form exports use, or
    null when the text is none of them (callers compare the result with the input
    to tell "empty" from "unparseable"). Year first, always: 2024-02-03 10:05:00,
    2024/2/3 9:05, 2024.2.3 10:05, 2024年2月3日 10:05, 2024-02-03T10:05:00, with or
    without seconds, fractional seconds kept; 20240203100500 (14 digits); and an
    Excel serial date-time (45325.42: days since 1899-12-30). A day-first or
    month-first date (03/02/2024) is ambiguous and stays unparsed.
-#}
{% macro parse_timestamp(text) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'hotline_warehouse')(text)) }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(text) -%}
    coalesce(
        try_strptime(
            regexp_replace(trim({{ text }}), '^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?(T| +)', '\1-\2-\3 '),
            ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S.%f', '%Y%m%d%H%M%S']
        ),
        case
            when regexp_full_match(trim({{ text }}), '[1-9][0-9]{4}([.][0-9]+)?')
                then cast('1899-12-30' as timestamp)
                + to_seconds(cast(round(cast(trim({{ text }}) as double) * 86400) as bigint))
        end
    )
{%- endmacro %}

{% macro postgres__parse_timestamp(text) -%}
    {#- the same forms as on DuckDB: separators and 14 digits normalised, hours, minutes and
        seconds in range by the pattern, a day that does not exist null by the function -#}
    {%- set normalised = normalised_timestamp_text(text) -%}
    coalesce(
        case
            when {{ regex_matches(normalised, timestamp_form()) }}
                then public.hotline_try_timestamp({{ normalised }})
        end,
        case
            when trim({{ text }}) ~ '^[1-9][0-9]{4}([.][0-9]+)?$'
                then cast('1899-12-30' as timestamp)
                + make_interval(secs => round(cast(trim({{ text }}) as double precision) * 86400))
        end
    )
{%- endmacro %}

{% macro spark__parse_timestamp(text) -%}
    {#- the forms above, normalised as on PostgreSQL; to_timestamp gives null for a day that does not exist -#}
    {%- set normalised = normalised_timestamp_text(text) -%}
    coalesce(
        case
            when {{ regex_matches(normalised, timestamp_form()) }}
                then coalesce(
                    to_timestamp({{ normalised }}, 'y-M-d H:m:s.SSSSSS'),
                    to_timestamp({{ normalised }}, 'y-M-d H:m:s'),
                    to_timestamp({{ normalised }}, 'y-M-d H:m')
                )
        end,
        case
            when trim({{ text }}) rlike '^[1-9][0-9]{4}([.][0-9]+)?$'
                {#- 1899-12-30 is 2209161600 seconds before 1970-01-01 (Spark's session time zone is UTC) -#}
                then timestamp_seconds(cast(round(cast(trim({{ text }}) as double) * 86400) as bigint) - 2209161600)
        end
    )
{%- endmacro %}

{#- PostgreSQL and Spark: 14 digits and the date separators normalised to 'Y-M-D H:M[:S[.f]]' -#}
{% macro normalised_timestamp_text(text) -%}
    {{ regexp_replace_all(
        regexp_replace_all('trim(' ~ text ~ ')', '^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3 \\4:\\5:\\6'),
        '^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?(T| +)', '\\1-\\2-\\3 '
    ) }}
{%- endmacro %}

{#- the normalised form, hours, minutes and seconds in range -#}
{% macro timestamp_form() -%}
    ^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2} ([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?$
{%- endmacro %}
