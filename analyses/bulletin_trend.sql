-- 一、受理概况 (chart): the volume of every period up to the bulletin's, latest
-- last; the document draws the last 13 (a year and the same month a year ago).
select
    overview.period_label,
    overview.handled_count
from {{ ref('fct_period_overview') }} as overview
where
    overview.jurisdiction = {{ bulletin_parameter('jurisdiction') }}
    and overview.period_label <= {{ bulletin_parameter('period') }}
order by overview.period_label
