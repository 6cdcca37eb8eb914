{#-
    Generic test expression_is_true(expression): the boolean SQL expression
    holds on every row. A row returned is one where it is false or null.
-#}
{% test expression_is_true(model, expression) %}
    select *
    from {{ model }}
    where not coalesce({{ expression }}, false)
{% endtest %}
