-- 二(二) 具体办理情况: per tier, the three units whose 解决率 / 满意率 rose most and fell
-- most against the previous period (解决率环比提高的前三名 / 下降幅度较大).
with

rankings as (
    select * from {{ ref('fct_unit_period_rankings') }}
    where
        jurisdiction = {{ bulletin_parameter('jurisdiction') }}
        and period_label = {{ bulletin_parameter('period') }}
),

movers as (
    {% for measure, direction in [('resolution', 'rise'), ('resolution', 'fall'), ('satisfaction', 'rise'), ('satisfaction', 'fall')] %}
        select
            tier_sort_order,
            tier_label_zh,
            unit_name,
            '{{ measure }}' as measure,
            '{{ direction }}' as direction,
            {{ measure }}_rate_change as rate_change,
            {{ measure }}_{{ direction }}_rank as position
        from rankings
        where {{ measure }}_rate_change {{ '>' if direction == 'rise' else '<' }} 0
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    tier_sort_order,
    tier_label_zh,
    measure,
    direction,
    unit_name,
    round(rate_change * 100, 2) as change_pp
from movers
where position <= 3
order by tier_sort_order, measure, direction, position, unit_name
