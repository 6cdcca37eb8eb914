{#-
    round_half(value, decimals, mode): round a decimal to `decimals` places,
    half-up (away from zero at .5) or half-even (banker's rounding), where both
    `decimals` and `mode` may be columns of a scoring scheme. Exact on decimals;
    the value is cast to decimal(20, 8) first so doubles do not leak their
    binary noise into the .5 comparison.
-#}
{% macro round_half(value, decimals, mode) -%}
    {%- set v = "cast(" ~ value ~ " as decimal(20, 8))" -%}
    {%- set scale = "cast(power(10, " ~ decimals ~ ") as decimal(20, 0))" -%}
    {%- set shifted = "abs(" ~ v ~ ") * " ~ scale -%}
    {%- set fraction = "(" ~ shifted ~ " - floor(" ~ shifted ~ "))" -%}
    cast(
        sign({{ v }}) * (
            floor({{ shifted }})
            + case
                when {{ fraction }} > 0.5 then 1
                when {{ fraction }} < 0.5 then 0
                when {{ mode }} = 'half_even' and mod(cast(floor({{ shifted }}) as bigint), 2) = 0 then 0
                else 1
            end
        ) / {{ scale }}
        as decimal(18, 6)
    )
{%- endmacro %}
