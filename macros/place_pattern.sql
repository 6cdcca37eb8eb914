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

{#-
    unnest_places(text): one row per place the text names (the first group of every
    match of place_pattern()). PostgreSQL's regex engine takes the longest match of
    this pattern where DuckDB's (RE2) and Spark's take the leftmost-first one, so
    there a function (engine_functions) finds the same places as the others.
-#}
{% macro unnest_places(text) -%}
    {{ return(adapter.dispatch('unnest_places', 'hotline_warehouse')(text)) }}
{%- endmacro %}

{% macro default__unnest_places(text) -%}{{ unnest_regex_matches(text, place_pattern()) }}{%- endmacro %}

{% macro postgres__unnest_places(text) -%}
        public.hotline_places(
        {{ text }},
        array[{% for t in var('place_triggers') %}'{{ t }}'{{ ", " if not loop.last }}{% endfor %}],
        array[{% for e in var('place_suffixes') %}'{{ e.suffix }}'{{ ", " if not loop.last }}{% endfor %}],
        2,
        {{ var('place_name_max_chars') }}
    )
{%- endmacro %}

{#- place_kind(place): the kind of place, from its suffix (first listed suffix that ends it). -#}
{% macro place_kind(place) -%}
    case
        {%- for entry in var('place_suffixes') %}
        when {{ place }} like '%{{ entry.suffix }}' then '{{ entry.kind }}'
        {%- endfor %}
    end
{%- endmacro %}
