{#- An error issue is contained when its document is loaded and what it doubts stays out of
    the facts: it names a table whose figures are held back (int_foi_tables__fact_status), or
    it names a line but no table the warehouse holds, so nothing it doubts was read into one;
    or a known erratum accepts it (a misprinted total, seeds/reference/known_errata.csv: the
    total stays out of the facts, which hold only detail rows). -#}
{% macro is_contained(document_column='document_id', table_column='table_id', line_column='line_number', erratum_column='erratum_id') -%}
    (
        {{ document_column }} in (
            select loaded.document_id from {{ ref('stg_raw__documents') }} as loaded
            where loaded.load_status = 'loaded'
        )
        and (
            {{ erratum_column }} is not null
            or {{ table_column }} in (
                select held.table_id from {{ ref('int_foi_tables__fact_status') }} as held
                where held.table_fact_status != 'in_facts'
            )
            or (
                {{ line_column }} is not null
                and (
                    {{ table_column }} is null
                    or {{ table_column }} not in (
                        select every_table.table_id
                        from {{ ref('int_foi_tables__fact_status') }} as every_table
                    )
                )
            )
        )
    )
{%- endmacro %}

{% macro outside_containment(document_column='document_id', table_column='table_id', line_column='line_number', erratum_column='erratum_id') -%}
    and not {{ is_contained(document_column, table_column, line_column, erratum_column) }}
{%- endmacro %}
