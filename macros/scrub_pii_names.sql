{#-
    scrub_pii_names(text): the third step, on scrub_pii_numbers' text. Any other
    person's name becomes [姓名] where the text marks one: after 姓名/联系人/邻居/房东…
    (var scrub_name_markers) a common surname (var scrub_surnames) and one or two
    more characters; a surname before 先生/女士/师傅… (var scrub_honorifics); 张某,
    李某某. Only text holding a marker, an honorific or 某 is searched: no pattern
    can match in any other.
-#}
{% macro scrub_pii_names(text) -%}
    {%- set surname = '[' ~ var('scrub_surnames') ~ ']' -%}
    {%- set markers = var('scrub_name_markers') | join('|') -%}
    {%- set honorifics = var('scrub_honorifics') | join('|') -%}
    {%- set no_marked = regexp_replace_all(text, '(' ~ markers ~ ')([:：为是]?)' ~ surname ~ '[一-龥]{1,2}', '\\1\\2[姓名]') -%}
    {%- set no_mou = regexp_replace_all(no_marked, surname ~ '某某?', '[姓名]') -%}
    case
        when {{ regex_matches(text, '某|' ~ honorifics ~ '|' ~ markers) }}
            then {{ regexp_replace_all(no_mou, surname ~ '(' ~ honorifics ~ ')', '[姓名]\\1') }}
        else {{ text }}
    end
{%- endmacro %}
