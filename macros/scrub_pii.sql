{#-
    Free text with personal data masked, in three steps that a model applies one
    CTE after another, each to the column the step before wrote (so no step's
    text is computed twice):

    scrub_pii_digits(text): full-width digits and Ｘ/ｘ as ASCII, translated only
    where the text holds one.

    scrub_pii_numbers(digits, caller_name): ID-card numbers (17 digits and a digit
    or X), mobile numbers (1[3-9] and 9 digits) and landlines (0 + area code +
    7-8 digits) become [身份证号] / [电话] in every common written form: digits
    grouped by dashes, dots or blanks (138-1234-5678, 139 8765 4321, 371502
    19900101 1234), a +86 / 0086 / (+86) prefix, a landline's area code in
    brackets, full-width separators. A number only matches where no digit stands
    beside it, so longer numbers are left. Mobile numbers are replaced twice, so
    that two numbers one separator apart are both caught. Only text holding a run
    of ten digits or more (separators allowed) is searched for numbers at all:
    most text holds none. Then the caller's own name becomes [姓名].

    scrub_pii_names(text): any other person's name becomes [姓名] where the text
    marks one: after 姓名/联系人/邻居/房东… (var scrub_name_markers) a common surname
    (var scrub_surnames) and one or two more characters; a surname before
    先生/女士/师傅… (var scrub_honorifics); 张某, 李某某. Only text holding a marker,
    an honorific or 某 is searched: no pattern can match in any other.
-#}
{% macro scrub_pii_digits(text) -%}
    case
        when {{ regex_matches(text, '[０１２３４５６７８９Ｘｘ]') }}
            then translate({{ text }}, '０１２３４５６７８９Ｘｘ', '0123456789Xx')
        else {{ text }}
    end
{%- endmacro %}

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
