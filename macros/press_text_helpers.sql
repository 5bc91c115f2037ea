{#- Helpers of the press models (int_press__*, rpt_figure_checks): matching curated quotes
    against the text of their line. -#}

{#- A regular expression for a run of digits as numbers are printed: '1,234', '12.5'. -#}
{% macro press_number_token() -%}
    [0-9](?:[0-9,.]*[0-9])?
{%- endmacro %}

{#- A regular expression matching `text` literally except that every run of digits may be
    any number: '583 cases' -> '[0-9](?:[0-9,.]*[0-9])? cases'. The runs become a
    letters-only placeholder first, so that regexp_escape leaves them alone. -#}
{% macro press_digits_wildcarded(text) -%}
    regexp_replace(
        regexp_escape(regexp_replace({{ text }}, '{{ press_number_token() }}', 'QQNUMBERQQ', 'g')),
        'QQNUMBERQQ', '{{ press_number_token() }}', 'g'
    )
{%- endmacro %}

{#- A number for a sentence: 1,234 for a whole number, else two decimals (12.34). -#}
{% macro press_shown(expression) -%}
    case
        when {{ expression }} is null then 'null'
        when {{ expression }} = round({{ expression }}) then format('{:,}', cast({{ expression }} as bigint))
        else format('{:,.2f}', {{ expression }})
    end
{%- endmacro %}

{#- A period in words: '2011-01-01 to 2015-12-31', or 'an unstated period'. -#}
{% macro press_period_words(start, end) -%}
    coalesce({{ start }} || ' to ' || {{ end }}, 'an unstated period')
{%- endmacro %}
