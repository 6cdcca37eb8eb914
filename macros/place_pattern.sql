{#-
    place_pattern(): the pattern whose first group is a place named in a
    complaint (主要涉及: 小区, 村, 社区, 路/街 ...). A place is a run of two to
    var('place_name_max_chars') Chinese characters ending in one of
    var('place_suffixes'), right after one of var('place_triggers') (反映, 位于,
    punctuation ...). Only Chinese characters count: digits (phones, house numbers
    such as 18号楼) can never be part of a place, and a longer run, such as a
    person's name followed by what they did, finds no place rather than a wrong one.
-#}
{% macro place_pattern() -%}
    {%- set triggers = var('place_triggers') | join('|') -%}
    {%- set suffixes = var('place_suffixes') | map(attribute='suffix') | join('|') -%}
    {#- the triggers before ^: a text that opens with one (反映幸福小区…) names 幸福小区, not 反映幸福小区 -#}
    {{- return('(?:' ~ triggers ~ '|^)([一-龥]{2,' ~ var('place_name_max_chars') ~ '}?(?:' ~ suffixes ~ '))') -}}
{%- endmacro %}

{#- place_kind(place): the kind of place, from its suffix (first listed suffix that ends it). -#}
{% macro place_kind(place) -%}
    case
        {%- for entry in var('place_suffixes') %}
        when {{ place }} like '%{{ entry.suffix }}' then '{{ entry.kind }}'
        {%- endfor %}
    end
{%- endmacro %}
