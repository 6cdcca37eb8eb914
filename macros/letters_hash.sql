{#-
    letters_hash(expression): md5 of the text with its digits mapped to g-p, an
    id no phone or ID-card pattern can match.
-#}
{% macro letters_hash(expression) -%}
    translate(md5({{ expression }}), '0123456789', 'ghijklmnop')
{%- endmacro %}
