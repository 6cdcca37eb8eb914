{#-
    Generic test shares_sum_to_one(column_name, partition_by, tolerance): within
    each partition the shares add up to 1 (100 %) within `tolerance`. A row
    returned is a partition whose shares do not.
-#}
{% test shares_sum_to_one(model, column_name, partition_by, tolerance=0.000001) %}
    select {{ partition_by | join(', ') }}, sum({{ column_name }}) as total_share
    from {{ model }}
    group by {{ partition_by | join(', ') }}
    having abs(sum({{ column_name }}) - 1) > {{ tolerance }}
{% endtest %}
