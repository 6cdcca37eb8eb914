{#- period_label(text): 'YYYY-MM' from 'YYYY-MM', 'YYYY-M' or 'YYYY/MM'; null when it is none of them. -#}
{% macro period_label(text) -%}
    case
        when {{ regex_matches(text, '^[0-9]{4}[-/][0-9]{1,2}$') }}
            then {{ dbt.concat([dbt.right(dbt.concat(["'0000'", "split_part(replace(" ~ text ~ ", '/', '-'), '-', 1)"]), 4), "'-'",
                                dbt.right(dbt.concat(["'0'", "split_part(replace(" ~ text ~ ", '/', '-'), '-', 2)"]), 2)]) }}
    end
{%- endmacro %}
