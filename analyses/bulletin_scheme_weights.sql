-- 附件: the points of each score component, for the tables' headers (响应率得分(5)).
select
    components.scope,
    components.component,
    components.component_zh,
    components.weight
from {{ ref('dim_scheme_components') }} as components
inner join (
    select distinct scores.scheme_id
    from {{ ref('fct_unit_period_scores') }} as scores
    where
        scores.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
        and scores.period_label = {{ bulletin_parameter('period') }}
    union
    select distinct enterprise.scheme_id
    from {{ ref('fct_enterprise_unit_period') }} as enterprise
    where
        enterprise.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
        and enterprise.period_label = {{ bulletin_parameter('period') }}
) as in_force on components.scheme_id = in_force.scheme_id
order by components.scope, components.component
