{#- The callback answers a bulletin counts: (ticket column, answer code, count column).
    已解决/部分解决/未解决 for 解决情况, 满意/基本满意/不满意 for each satisfaction question. -#}
{% macro answer_counts() -%}
    {%- set out = [] -%}
    {%- for column, prefix, answers in [
        ('callback_resolution', 'resolution', ['resolved', 'partly_resolved', 'unresolved']),
        ('callback_result_satisfaction', 'result', ['satisfied', 'basically_satisfied', 'dissatisfied']),
        ('callback_process_satisfaction', 'process', ['satisfied', 'basically_satisfied', 'dissatisfied']),
    ] -%}
        {%- for answer in answers -%}
            {%- do out.append((column, answer, prefix ~ '_' ~ answer ~ '_count')) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(out) }}
{%- endmacro %}
