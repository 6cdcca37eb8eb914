-- The components of each scoring scheme with their weights (points), so that a
-- bulletin prints its headers from configuration: 响应率得分(5), 解决率得分(40).
with

schemes as (
    select * from {{ ref('cfg_scoring_schemes') }}
),

components as (
    select * from {{ ref('cfg_scheme_components') }}
),

final as (
    select
        schemes.scheme_id,
        schemes.jurisdiction,
        schemes.scope,
        components.component,
        components.component_zh,
        cast(components.weight as {{ type_double() }}) as weight
    from components
    inner join schemes on components.scheme_id = schemes.scheme_id
)

select * from final
