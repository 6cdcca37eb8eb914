{#-
    competition_rank(value, direction, partition_by): standard competition
    ranking ("1, 1, 3"): tied values share a rank and the next rank is skipped,
    as the bulletins print it. Rows whose value is null get no rank, and do
    not take a place from the others (they sit in their own partition).
    direction: 'desc' for scores (higher is better), 'asc' for composite ranks.
-#}
{% macro competition_rank(value, direction, partition_by) -%}
    case
        when {{ value }} is not null
            then rank() over (partition by {{ partition_by }}, ({{ value }} is null) order by {{ value }} {{ direction }})
    end
{%- endmacro %}
