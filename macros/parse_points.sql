{#- parse_points(text): a signed decimal number of points ('-0.12', '2'); null when it is not one. -#}
{% macro parse_points(text) -%}
    case
        when {{ regex_matches(text, '^[-+]?[0-9]+([.][0-9]+)?$') }} then cast({{ text }} as decimal(18, 6))
    end
{%- endmacro %}
