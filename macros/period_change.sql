{#-
    period_change(current, previous): relative change (同比 / 环比) as a
    fraction: 0.1608 means +16.08 %. Null when there is no previous value or it
    is 0, never a made-up 100 %.
-#}
{% macro period_change(current, previous) -%}
    (cast({{ current }} as {{ type_double() }}) - {{ previous }}) / nullif({{ previous }}, 0)
{%- endmacro %}
