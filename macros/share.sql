{#- A share of a population: numerator / denominator as a double, null when the
    denominator is 0 or null (no population, no share). -#}
{% macro share(numerator, denominator) -%}
    case when {{ denominator }} > 0 then cast({{ numerator }} as double) / {{ denominator }} end
{%- endmacro %}
