{#- No null in any of these columns: one test per model instead of one per column (a dbt node
    costs tens of milliseconds however small its query). A failure lists each column holding
    nulls and how many rows. -#}
{% test columns_not_null(model, column_names) %}
    {% for column_name in column_names %}
        select
            '{{ column_name }}' as column_name,
            count(*) as null_rows
        from {{ model }}
        where {{ column_name }} is null
        having count(*) > 0
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
{% endtest %}
