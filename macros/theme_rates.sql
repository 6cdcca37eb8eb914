{#-
    theme_rates(counts): the five rates of a themed report from a relation or CTE
    alias holding its counts (closed, same-day, within-3-workday closures over
    received; resolved and satisfied over their answers). Used for a day and for
    the whole window alike, so both are computed from counts, never averaged.
-#}
{% macro theme_rates(counts) -%}
    {{ safe_ratio(counts ~ '.closed_count', counts ~ '.received_count') }} as closed_rate,
    {{ safe_ratio(counts ~ '.closed_same_day_count', counts ~ '.received_count') }} as closed_same_day_rate,
    {{ safe_ratio(counts ~ '.closed_within_3_workdays_count', counts ~ '.received_count') }}
        as closed_within_3_workdays_rate,
    {{ safe_ratio(counts ~ '.resolved_count', counts ~ '.resolution_answer_count') }} as resolution_rate,
    {{ safe_ratio(counts ~ '.satisfied_count', counts ~ '.satisfaction_answer_count') }} as satisfaction_rate
{%- endmacro %}
