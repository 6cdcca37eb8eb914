-- The mixes of a period: one row per jurisdiction x period x dimension x member,
-- for channel (受理渠道), request type (诉求类型), category levels 1-3 (问题分类)
-- and unit group (镇街 vs 部门及国企): count, share of the period's total, 同比
-- and 环比. Members of each dimension partition the period's tickets; the unit
-- groups partition its volume (official 承办量 where unit statistics were published).
with

periods as (
    select * from {{ ref('dim_periods') }}
),

enum_labels as (
    select
        domain,
        code,
        max(label_zh) as label_zh
    from {{ ref('ref_enum_values') }}
    group by domain, code
),

kind_labels as (
    select distinct
        kind_group,
        kind_group_zh
    from {{ ref('ref_unit_kinds') }}
),

ticket_members as (
    select * from {{ ref('int_period_member_counts') }}
    where dimension not in ('category_path', 'unit_group')
),

unit_groups as (
    -- towns vs departments by volume: the official 承办量 where published, else tickets
    select
        rates.jurisdiction,
        rates.period_label,
        'unit_group' as dimension,
        units.kind_group as member,
        cast(null as {{ dbt.type_string() }}) as parent_member,
        sum(coalesce(rates.official_handled_count, rates.handled_count)) as ticket_count
    from {{ ref('int_unit_period_rates') }} as rates
    inner join {{ ref('dim_units') }} as units on rates.unit_id = units.unit_id
    where rates.scope = 'all'
    group by rates.jurisdiction, rates.period_label, units.kind_group
    having sum(coalesce(rates.official_handled_count, rates.handled_count)) > 0
),

members as (
    select
        jurisdiction,
        period_label,
        dimension,
        member,
        parent_member,
        ticket_count
    from ticket_members
    union all
    select
        jurisdiction,
        period_label,
        dimension,
        member,
        parent_member,
        ticket_count
    from unit_groups
),

with_totals as (
    select
        members.*,
        sum(members.ticket_count) over (partition by members.jurisdiction, members.period_label, members.dimension) as period_total
    from members
),

final as (
    select
        with_totals.jurisdiction,
        with_totals.period_label,
        with_totals.dimension,
        with_totals.member,
        coalesce(enum_labels.label_zh, kind_labels.kind_group_zh, with_totals.member) as member_label_zh,
        with_totals.parent_member,
        cast(with_totals.ticket_count as integer) as ticket_count,
        cast(with_totals.period_total as integer) as period_total,
        {{ safe_ratio('with_totals.ticket_count', 'with_totals.period_total') }} as share,
        {{ period_change('with_totals.ticket_count', 'prev.ticket_count') }} as ticket_count_mom,
        {{ period_change('with_totals.ticket_count', 'last_year.ticket_count') }} as ticket_count_yoy
    from with_totals
    inner join periods
        on with_totals.jurisdiction = periods.jurisdiction and with_totals.period_label = periods.period_label
    left join with_totals as prev
        on
            with_totals.jurisdiction = prev.jurisdiction
            and with_totals.dimension = prev.dimension
            and with_totals.member = prev.member
            and periods.previous_period_label = prev.period_label
    left join with_totals as last_year
        on
            with_totals.jurisdiction = last_year.jurisdiction
            and with_totals.dimension = last_year.dimension
            and with_totals.member = last_year.member
            and periods.same_period_last_year_label = last_year.period_label
    left join enum_labels
        on with_totals.dimension = enum_labels.domain and with_totals.member = enum_labels.code
    left join kind_labels
        on with_totals.dimension = 'unit_group' and with_totals.member = kind_labels.kind_group
)

select * from final
