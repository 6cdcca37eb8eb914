{#-
    affected_periods(changes, periods): the statistical periods an incremental
    run must rebuild. `changes` is a relation or CTE of (jurisdiction,
    period_label) touched by newly landed rows: the periods of new tickets, of
    tickets whose newer state arrived (a ticket closed in March but assigned in
    February rebuilds February), of new statistics and inputs. Added: periods
    of no data between the model's last period and a new one, so the reported
    span has no holes, exactly as a full build has none. In a full build: every
    period of `periods` between a jurisdiction's first and last changed period.
-#}
{% macro affected_periods(changes, periods) -%}
    select periods.jurisdiction, periods.period_label
    from {{ periods }} as periods
    inner join (
        select jurisdiction, min(period_label) as first_changed, max(period_label) as last_changed
        from {{ changes }}
        group by jurisdiction
    ) as span on periods.jurisdiction = span.jurisdiction
    {%- if is_incremental() %}
    left join (
        select jurisdiction, min(period_label) as first_built, max(period_label) as last_built
        from {{ this }}
        group by jurisdiction
    ) as built on periods.jurisdiction = built.jurisdiction
    where
        exists (
            select 1 from {{ changes }} as changed
            where changed.jurisdiction = periods.jurisdiction and changed.period_label = periods.period_label
        )
        or (built.jurisdiction is null and periods.period_label between span.first_changed and span.last_changed)
        or (periods.period_label > built.last_built and periods.period_label <= span.last_changed)
        or (periods.period_label < built.first_built and periods.period_label >= span.first_changed)
    {%- else %}
    where periods.period_label between span.first_changed and span.last_changed
    {%- endif %}
{%- endmacro %}
