{#-
    Generic test counts_add_up(total, parts): on every row, `total` equals the
    sum of the `parts` columns (承办 = 办结 + 回退 + 在办). A row returned is a
    row whose counts do not add up.
-#}
{% test counts_add_up(model, total, parts) %}
    select *
    from {{ model }}
    where {{ total }} <> {{ parts | join(' + ') }}
{% endtest %}
