{#-
    parse_rate(text): a rate written as a percentage ('99.32%') or a fraction
    ('0.9932') as a decimal fraction; null when it is neither. Full-width
    digits and ％ were made ASCII by clean_text before.
-#}
{% macro parse_rate(text) -%}
    case
        when {{ regex_matches(text, '^[0-9]+([.][0-9]+)?%$') }}
            then cast(replace({{ text }}, '%', '') as decimal(18, 8)) * 0.01
        when {{ regex_matches(text, '^[0-9]+([.][0-9]+)?$') }}
            then cast({{ text }} as decimal(18, 8))
    end
{%- endmacro %}
