{#- A fact's monthly figures summed per force, document, scope and month, as
    mart_monthly_overview reads each fact: `measure` keeps its name. -#}
{% macro monthly_totals(fact, measure) -%}
    select
        force_key,
        document_id,
        scope,
        period_start,
        cast(sum({{ measure }}) as bigint) as {{ measure }}
    from {{ ref(fact) }}
    where period_grain = 'month'
    group by all
{%- endmacro %}
