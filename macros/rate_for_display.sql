{#- A rate as the bulletin prints it when its denominator is empty (the rate is null):
    the scheme's empty_rate_display says nothing (blank), 100% (full) or 0% (zero).
    The raw rate stays null in its own *_rate_raw column for analysts. -#}
{% macro rate_for_display(rate, display) -%}
    case
        when {{ rate }} is not null then {{ rate }}
        when {{ display }} = 'full' then 1.0
        when {{ display }} = 'zero' then 0.0
    end
{%- endmacro %}
