{#-
    Generic test valid_competition_rank(column_name, value, partition_by, direction):
    every rank equals 1 + the number of rows of its partition with a strictly
    better value (higher for direction 'desc', lower for 'asc') — the
    definition of competition ranking, so ties share a rank and the next rank
    is skipped. A row returned is a rank that breaks it.
-#}
{% test valid_competition_rank(model, column_name, value, partition_by, direction='desc') %}
    {%- set better = '>' if direction == 'desc' else '<' -%}
    {%- set keys = partition_by if partition_by is string else partition_by | join(', ') -%}
    with ranked as (
        select {{ keys }}, {{ value }} as ranked_value, {{ column_name }} as given_rank
        from {{ model }}
        where {{ column_name }} is not null
    )

    select ranked.*
    from ranked
    where given_rank <> 1 + (
        select count(*)
        from ranked as other
        where
            {% for key in (partition_by if partition_by is not string else [partition_by]) %}
            other.{{ key }} = ranked.{{ key }} and
            {% endfor %}
            other.ranked_value {{ better }} ranked.ranked_value
    )
{% endtest %}
