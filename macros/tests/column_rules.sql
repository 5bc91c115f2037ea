{#- A model's column rules in one test: no nulls (not_null), no repeated value (unique), only
    the listed values (accepted_values: column -> values, or -> {values, quote: false} for
    booleans and numbers) and only values found in another model's column (relationships:
    column -> {to, field}), the same rules as dbt's built-in tests of those names. A unique
    entry may be an expression ("kind || '|' || coalesce(code, '*')").

    One test per model, not one per column and rule: a dbt node costs tens of milliseconds to
    parse and run however small its query (292 tests cost about half of `dbt build` at 1,000
    documents), and one scan of the model checks every rule. A failure returns one row per
    broken rule: the rule, the column, how many rows break it and, for accepted_values and
    relationships, the values found that are not accepted or not in the other model.

    unique counts the rows beyond the first of each non-null value; accepted_values and
    relationships pass nulls: as in dbt's tests, not_null is the rule against them. -#}
{% test column_rules(model, not_null=[], unique=[], accepted_values={}, relationships={}) %}
    {%- set checks = [] -%}
    {%- for column_name in not_null -%}
        {%- do checks.append({
            "rule": "not_null",
            "column_name": column_name,
            "failing_rows": "count(*) filter (where " ~ column_name ~ " is null)",
            "unexpected_values": "null::varchar",
        }) -%}
    {%- endfor -%}
    {%- for column_name in unique -%}
        {%- do checks.append({
            "rule": "unique",
            "column_name": column_name,
            "failing_rows": "count(" ~ column_name ~ ") - count(distinct " ~ column_name ~ ")",
            "unexpected_values": "null::varchar",
        }) -%}
    {%- endfor -%}
    {%- for column_name, accepted in accepted_values.items() -%}
        {#- A list of values, or {values: [...], quote: false} for values that are not text. -#}
        {%- set values = accepted["values"] if accepted is mapping else accepted -%}
        {%- set quote = accepted.get("quote", true) if accepted is mapping else true -%}
        {%- set outside -%}
            {{ column_name }} is not null and {{ column_name }} not in (
                {%- for value in values -%}
                    {{ "'" ~ value ~ "'" if quote else value }}{{ ", " if not loop.last }}
                {%- endfor -%}
            )
        {%- endset -%}
        {%- do checks.append(values_outside_check("accepted_values", column_name, outside)) -%}
    {%- endfor -%}
    {%- for column_name, parent in relationships.items() -%}
        {#- The parent's nulls are left out: 'x not in (..., null)' is never true. -#}
        {#- 'is not null' first: 'null not in (an empty list)' is true. -#}
        {%- set outside -%}
            {{ column_name }} is not null and {{ column_name }} not in (
                select {{ parent.field }} from {{ parent.to }} where {{ parent.field }} is not null
            )
        {%- endset -%}
        {%- do checks.append(values_outside_check("relationships", column_name, outside)) -%}
    {%- endfor %}
    select rule, column_name, failing_rows, unexpected_values
    from (
        select
            unnest([
                {%- for check in checks %}
                '{{ check.rule }}'{{ "," if not loop.last }}
                {%- endfor %}
            ]) as rule,
            unnest([
                {%- for check in checks %}
                '{{ check.column_name | replace("'", "''") }}'{{ "," if not loop.last }}
                {%- endfor %}
            ]) as column_name,
            unnest([
                {%- for check in checks %}
                {{ check.failing_rows }}{{ "," if not loop.last }}
                {%- endfor %}
            ]) as failing_rows,
            unnest([
                {%- for check in checks %}
                {{ check.unexpected_values }}{{ "," if not loop.last }}
                {%- endfor %}
            ]) as unexpected_values
        from {{ model }}
    )
    where failing_rows > 0
{% endtest %}


{#- A rule broken by the rows where ``outside`` holds: how many, and which values. -#}
{% macro values_outside_check(rule, column_name, outside) %}
    {{ return({
        "rule": rule,
        "column_name": column_name,
        "failing_rows": "count(*) filter (where " ~ outside ~ ")",
        "unexpected_values": "string_agg(distinct " ~ column_name ~ "::varchar, ', ' order by "
            ~ column_name ~ "::varchar) filter (where " ~ outside ~ ")",
    }) }}
{% endmacro %}
