-- The scoring scheme in force for each jurisdiction, period and scope, with
-- its component weights and answer weights pivoted onto one row, so that every
-- later model joins one row instead of re-reading the configuration.
with

periods as (
    select * from {{ ref('dim_periods') }}
),

schemes as (
    select * from {{ ref('cfg_scoring_schemes') }}
),

components as (
    select
        scheme_id,
        max(case when component = 'response' then weight end) as weight_response,
        max(case when component = 'on_time' then weight end) as weight_on_time,
        max(case when component = 'resolution' then weight end) as weight_resolution,
        max(case when component = 'satisfaction' then weight end) as weight_satisfaction,
        {% for component in ['response', 'on_time', 'resolution', 'satisfaction'] %}
            {% for setting in ['score_function', 'slope', 'intercept', 'min_points', 'max_points', 'rate_source'] %}
                max(case when component = '{{ component }}' then {{ setting }} end) as {{ setting }}_{{ component }}
                {%- if not loop.last or component != 'satisfaction' %},{% endif %}
            {% endfor %}
        {% endfor %}
    from {{ ref('cfg_scheme_components') }}
    group by scheme_id
),

answers as (
    select
        scheme_id,
        max(case when question = 'resolution' and answer_code = 'resolved' then weight end) as answer_resolved,
        max(case when question = 'resolution' and answer_code = 'partly_resolved' then weight end) as answer_partly_resolved,
        max(case when question = 'resolution' and answer_code = 'unresolved' then weight end) as answer_unresolved,
        max(case when question = 'satisfaction' and answer_code = 'satisfied' then weight end) as answer_satisfied,
        max(case when question = 'satisfaction' and answer_code = 'basically_satisfied' then weight end)
            as answer_basically_satisfied,
        max(case when question = 'satisfaction' and answer_code = 'dissatisfied' then weight end) as answer_dissatisfied
    from {{ ref('cfg_answer_weights') }}
    group by scheme_id
),

final as (
    select
        periods.jurisdiction,
        periods.period_label,
        schemes.scope,
        schemes.scheme_id,
        schemes.rounding_mode,
        schemes.score_decimals,
        schemes.round_components_before_sum,
        schemes.on_time_denominator,
        schemes.exempt_treatment,
        schemes.ack_window_hours,
        schemes.return_window_workdays,
        schemes.satisfaction_basis,
        schemes.empty_rate_policy,
        schemes.empty_rate_display,
        coalesce(components.weight_response, 0) as weight_response,
        coalesce(components.weight_on_time, 0) as weight_on_time,
        coalesce(components.weight_resolution, 0) as weight_resolution,
        coalesce(components.weight_satisfaction, 0) as weight_satisfaction,
        {% for component in ['response', 'on_time', 'resolution', 'satisfaction'] %}
            coalesce(components.score_function_{{ component }}, 'linear') as score_function_{{ component }},
            components.slope_{{ component }},
            components.intercept_{{ component }},
            components.min_points_{{ component }},
            components.max_points_{{ component }},
            coalesce(components.rate_source_{{ component }}, 'callbacks') as rate_source_{{ component }},
        {% endfor %}
        answers.answer_resolved,
        answers.answer_partly_resolved,
        answers.answer_unresolved,
        answers.answer_satisfied,
        answers.answer_basically_satisfied,
        answers.answer_dissatisfied
    from periods
    inner join schemes
        on
            periods.jurisdiction = schemes.jurisdiction
            and periods.period_label between schemes.valid_from_period and schemes.valid_to_period
    left join components on schemes.scheme_id = components.scheme_id
    left join answers on schemes.scheme_id = answers.scheme_id
)

select * from final
