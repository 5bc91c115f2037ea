{#- One member for every way a force prints a label: lower case, one kind of dash, a space
    around brackets, single spaces, no trailing punctuation. ingest/labels.py applies the same
    rule in Python; the label-map seeds are keyed by its result. -#}
{% macro normalise_label(expression) -%}
    trim(
        regexp_replace(
            trim(
                regexp_replace(
                    replace(
                        replace(regexp_replace(lower({{ expression }}), '[–—−]', '-', 'g'), '(', ' ('),
                        ')',
                        ') '
                    ),
                    '\s+',
                    ' ',
                    'g'
                )
            ),
            '[.:;,\s]+$',
            ''
        )
    )
{%- endmacro %}
