{#-
    scrub_pii_digits(text): the first of the three steps that mask personal data in
    free text (scrub_pii_digits, scrub_pii_numbers, scrub_pii_names), each applied in
    a CTE of its own to the column the step before wrote, so no step's text is
    computed twice. Full-width digits and Ｘ/ｘ become ASCII, translated only where
    the text holds one.
-#}
{% macro scrub_pii_digits(text) -%}
    case
        when {{ regex_matches(text, '[０１２３４５６７８９Ｘｘ]') }}
            then translate({{ text }}, '０１２３４５６７８９Ｘｘ', '0123456789Xx')
        else {{ text }}
    end
{%- endmacro %}
