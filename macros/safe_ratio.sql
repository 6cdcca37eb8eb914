{#- safe_ratio(numerator, denominator): a fraction as a double, null when the denominator is 0. -#}
{% macro safe_ratio(numerator, denominator) -%}
    cast({{ numerator }} as {{ type_double() }}) / nullif({{ denominator }}, 0)
{%- endmacro %}
