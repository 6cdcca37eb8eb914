-- A row returned here means a jurisdiction's period with no scoring scheme for the
-- 'all' scope: its units could not be scored.
select
    periods.jurisdiction,
    periods.period_label
from {{ ref('dim_periods') }} as periods
left join {{ ref('int_scheme_periods') }} as schemes
    on
        periods.jurisdiction = schemes.jurisdiction
        and periods.period_label = schemes.period_label
        and schemes.scope = 'all'
where schemes.scheme_id is null
