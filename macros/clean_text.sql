{#-
    clean_text(column): the text of a raw field made comparable.
    Full-width digits, letters' common punctuation and the ideographic space
    (what Chinese input methods type) become ASCII, blanks around the value are
    trimmed, and an empty string becomes null. Most values hold none of those
    characters: only they pay for the translation.
-#}
{% macro clean_text(column) -%}
    {%- set full_width = '０１２３４５６７８９．％：／－　' -%}
    nullif(trim(
        case
            when {{ regex_matches(column, '[' ~ full_width ~ ']') }}
                then translate({{ column }}, '{{ full_width }}', '0123456789.%:/- ')
            else {{ column }}
        end
    ), '')
{%- endmacro %}
