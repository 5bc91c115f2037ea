{#- The monthly rows of a relation, plus a year row for each force, document and calendar
    year for which all twelve months are printed (a partial year is never summed into a
    'year'). The relation has force_key, document_id, period_start, period_end,
    period_grain, is_repaired, the dimension columns and a count column, then any flag
    columns (booleans a year row holds when every month holds them, e.g. is_preferred). -#}
{% macro months_and_full_years(relation, dimension_columns, count_column, flag_columns=[]) -%}
    select * from {{ relation }}
    union all
    select
        force_key,
        document_id,
        make_date(year(period_start), 1, 1) as period_start,
        make_date(year(period_start), 12, 31) as period_end,
        'year' as period_grain,
        {%- for column in dimension_columns %}
        {{ column }},
        {%- endfor %}
        cast(sum({{ count_column }}) as bigint) as {{ count_column }},
        bool_or(is_repaired) as is_repaired
        {%- for column in flag_columns %},
        bool_and({{ column }}) as {{ column }}
        {%- endfor %}
    from {{ relation }}
    where (force_key, document_id, year(period_start)) in (
        select (force_key, document_id, year(period_start))
        from {{ relation }}
        group by force_key, document_id, year(period_start)
        having count(distinct period_start) = 12
    )
    group by
        force_key,
        document_id,
        year(period_start),
        {%- for column in dimension_columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
{%- endmacro %}
