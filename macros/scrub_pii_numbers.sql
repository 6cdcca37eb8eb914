{#-
    scrub_pii_numbers(digits, caller_name): the second step, on scrub_pii_digits' text.
    ID-card numbers (17 digits and a digit or X), mobile numbers (1[3-9] and 9
    digits) and landlines (0 + area code + 7-8 digits) become [身份证号] / [电话] in
    every common written form: digits grouped by dashes, dots or blanks
    (138-1234-5678, 139 8765 4321, 371502 19900101 1234), a +86 / 0086 / (+86)
    prefix, a landline's area code in brackets, full-width separators. A number only
    matches where no digit stands beside it, so longer numbers are left. Mobile
    numbers are replaced twice, so that two numbers one separator apart are both
    caught. Only text holding a run of ten digits or more (separators allowed) is
    searched for numbers at all: most text holds none. Then the caller's own name
    becomes [姓名].
-#}
{% macro scrub_pii_numbers(digits, caller_name) -%}
    {%- set sep = '[-. 　－．]?' -%}
    {%- set id_number = '(^|[^0-9])[0-9](?:' ~ sep ~ '[0-9]){16}' ~ sep ~ '[0-9Xx]([^0-9Xx]|$)' -%}
    {%- set prefix = '(?:(?:[+＋]|00)86|[(（][+＋]?86[)）])' -%}
    {%- set mobile = '(^|[^0-9])(?:' ~ prefix ~ sep ~ ')?1[3-9][0-9](?:' ~ sep ~ '[0-9]){8}([^0-9]|$)' -%}
    {%- set landline = '(^|[^0-9])[(（]?0[0-9]{2,3}[)）]?' ~ sep ~ '[0-9]{3,4}' ~ sep ~ '[0-9]{4}([^0-9]|$)' -%}
    {%- set no_id = regexp_replace_all(digits, id_number, '\\1[身份证号]\\2') -%}
    {%- set no_mobile = regexp_replace_all(regexp_replace_all(no_id, mobile, '\\1[电话]\\2'), mobile, '\\1[电话]\\2') -%}
    {%- set no_landline = regexp_replace_all(no_mobile, landline, '\\1[电话]\\2') -%}
    {#- every number above has ten digits or more, at most two other characters apart
        (a bracket and a separator): text without such a run is left as it is, unsearched -#}
    {%- set no_numbers -%}
        case when {{ regex_matches(digits, '[0-9]([^0-9]{0,2}[0-9]){9}') }} then {{ no_landline }} else {{ digits }} end
    {%- endset -%}
    case
        when {{ caller_name }} is null or length(trim({{ caller_name }})) < 2 then {{ no_numbers }}
        else replace({{ no_numbers }}, trim({{ caller_name }}), '[姓名]')
    end
{%- endmacro %}
