{#-
    score_points(function, rate, weight, slope, intercept, min_points, max_points, step_points):
    the points a component's score function gives a rate (a fraction in [0, 1]):
    linear = rate x weight; clamp = slope x rate% + intercept, held between min_points
    and max_points (either may be null: no bound); steps = the points of the highest
    band the rate reaches (step_points, found by the caller), 0 below every band.
    A double on every engine (numeric configuration times a double rate is numeric on some).
-#}
{% macro score_points(function, rate, weight, slope, intercept, min_points, max_points, step_points) -%}
    cast(case {{ function }}
        when 'clamp'
            then least(
                greatest(
                    {{ slope }} * {{ rate }} * 100 + {{ intercept }},
                    coalesce({{ min_points }}, {{ intercept }} - 1000000)
                ),
                coalesce({{ max_points }}, {{ intercept }} + 1000000)
            )
        when 'steps' then coalesce({{ step_points }}, 0)
        else {{ rate }} * {{ weight }}
    end as {{ type_double() }})
{%- endmacro %}
