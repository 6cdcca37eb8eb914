{#-
    Generic test unique_combination(columns): no two rows share the values of
    all `columns` (the key of a unit x period grain, say). A row returned is
    one duplicated key and how often it occurs.
-#}
{% test unique_combination(model, columns) %}
    select {{ columns | join(', ') }}, count(*) as occurrences
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}
