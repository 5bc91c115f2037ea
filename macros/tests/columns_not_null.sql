{#- No null in any of these columns: one test per model instead of one per column (a dbt node
    costs tens of milliseconds however small its query), and one scan of the model for all of
    them. A failure lists each column holding nulls and how many rows. -#}
{% test columns_not_null(model, column_names) %}
    select column_name, null_rows
    from (
        select
            unnest([
                {%- for column_name in column_names %}
                '{{ column_name }}'{{ "," if not loop.last }}
                {%- endfor %}
            ]) as column_name,
            unnest([
                {%- for column_name in column_names %}
                count(*) filter (where {{ column_name }} is null){{ "," if not loop.last }}
                {%- endfor %}
            ]) as null_rows
        from {{ model }}
    )
    where null_rows > 0
{% endtest %}
