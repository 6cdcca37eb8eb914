{#-
    is_personal_number(text): true when the whole text is a mobile number (1[3-9] and
    9 digits) or a real ID-card number: a province code in places 1-2, a valid birth
    date in places 7-14 and the GB 11643 check character. Ticket ids are digit strings too, 18 long like ID
    numbers; the date and the checksum tell them apart (240105090500000001 has no
    month 09 of year 0905 to be born in, and fails the check).
-#}
{% macro is_personal_number(text) -%}
    {%- set weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] -%}
    case
        when {{ regex_matches(text, '^1[3-9][0-9]{9}$') }} then true
        when {{ regex_matches(text, '^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])[0-9]{4}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]$') }}
            then upper(substr({{ text }}, 18, 1)) = substr('10X98765432', 1 + mod(
                {%- for weight in weights %}
                cast(substr({{ text }}, {{ loop.index }}, 1) as integer) * {{ weight }}{{ ' +' if not loop.last }}
                {%- endfor %}, 11), 1)
        else false
    end
{%- endmacro %}
