{#-
    Generic test values_between(column_name, min_value, max_value): the column
    lies within [min_value, max_value] wherever it is not null (rates in [0, 1]).
    A row returned is one out of range.
-#}
{% test values_between(model, column_name, min_value, max_value) %}
    select *
    from {{ model }}
    where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}
{% endtest %}
