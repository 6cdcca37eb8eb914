{#-
    clean_text(column): the text of a raw field made comparable.
    Full-width digits, letters' common punctuation and the ideographic space
    (what Chinese input methods type) become ASCII, blanks around the value are
    trimmed, and an empty string becomes null.
-#}
{% macro clean_text(column) -%}
    nullif(trim(translate({{ column }}, '０１２３４５６７８９．％：／－　', '0123456789.%:/- ')), '')
{%- endmacro %}
