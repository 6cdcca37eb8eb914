-- The unit table of a report without scores (a department's own monthly report):
-- every registered unit of the jurisdiction with its counts and rates, then a 合计
-- row whose counts are the units' sums and whose rates are the period's own, computed
-- from the totals (fct_period_overview), never an average of the units' rates.
with

units as (
    select
        metrics.unit_id,
        metrics.unit_name,
        metrics.handled_count,
        metrics.closed_count,
        metrics.returned_count,
        metrics.in_progress_count,
        metrics.overdue_count,
        metrics.response_rate,
        metrics.on_time_rate,
        metrics.resolution_rate,
        metrics.satisfaction_rate
    from {{ ref('fct_unit_period_metrics') }} as metrics
    where
        metrics.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
        and metrics.period_label = {{ bulletin_parameter('period') }}
),

sums as (
    select
        sum(handled_count) as handled_count,
        sum(closed_count) as closed_count,
        sum(returned_count) as returned_count,
        sum(in_progress_count) as in_progress_count,
        sum(overdue_count) as overdue_count
    from units
),

total as (
    select
        '合计' as unit_name,
        sums.handled_count,
        sums.closed_count,
        sums.returned_count,
        sums.in_progress_count,
        sums.overdue_count,
        overview.response_rate,
        overview.on_time_rate,
        overview.resolution_rate,
        overview.satisfaction_rate
    from {{ ref('fct_period_overview') }} as overview
    cross join sums
    where
        overview.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
        and overview.period_label = {{ bulletin_parameter('period') }}
),

rows_in_order as (
    select
        units.unit_name,
        units.handled_count,
        units.closed_count,
        units.returned_count,
        units.in_progress_count,
        units.overdue_count,
        units.response_rate,
        units.on_time_rate,
        units.resolution_rate,
        units.satisfaction_rate,
        false as is_total,
        row_number() over (order by units.handled_count desc, units.unit_id asc) as row_order
    from units
    union all
    select
        total.*,
        true as is_total,
        1000000 as row_order
    from total
)

select
    unit_name,
    is_total,
    handled_count,
    closed_count,
    returned_count,
    in_progress_count,
    overdue_count,
    round(response_rate * 100, 2) as response_rate_pct,
    round(on_time_rate * 100, 2) as on_time_rate_pct,
    round(resolution_rate * 100, 2) as resolution_rate_pct,
    round(satisfaction_rate * 100, 2) as satisfaction_rate_pct
from rows_in_order
order by row_order
