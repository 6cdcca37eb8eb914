{#-
    scrub_pii(text, caller_name): free text with personal data masked.
    ID-card numbers (17 digits and a digit or X), mobile numbers (1[3-9] and 9
    digits) and landlines (0 + area code + 7-8 digits) become [身份证号] / [电话];
    the caller's own name becomes [姓名]. Digits are made half-width first so a
    number typed in full-width digits is caught too. The patterns only match
    where no digit stands beside them, so longer numbers (ticket ids) are left.
-#}
{% macro scrub_pii(text, caller_name) -%}
    {%- set digits = "translate(" ~ text ~ ", '０１２３４５６７８９Ｘｘ', '0123456789Xx')" -%}
    {%- set no_id = regexp_replace_all(digits, '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9Xx]|$)', '\\1[身份证号]\\2') -%}
    {%- set no_mobile = regexp_replace_all(no_id, '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)', '\\1[电话]\\2') -%}
    {%- set no_landline = regexp_replace_all(no_mobile, '(^|[^0-9])0[0-9]{2,3}-?[0-9]{7,8}([^0-9]|$)', '\\1[电话]\\2') -%}
    case
        when {{ caller_name }} is null or length(trim({{ caller_name }})) < 2 then {{ no_landline }}
        else replace({{ no_landline }}, trim({{ caller_name }}), '[姓名]')
    end
{%- endmacro %}
