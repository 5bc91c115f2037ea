-- The fact tables hold exactly the cells fct_table_cells marks in_facts: per table, as many
-- rows and the same sum. A held-back, cut-off, quarantined or non-fact table (and a row with
-- an unknown label) adds nothing to the facts, and no in_facts cell is lost.
with

facts as (
    select
        table_id,
        crime_count as figure
    from {{ ref('fct_recorded_crimes') }}
    union all
    select
        table_id,
        crime_count
    from {{ ref('fct_offence_counts') }}
    union all
    select
        table_id,
        suspect_count
    from {{ ref('fct_suspect_role_counts') }}
    union all
    select
        table_id,
        suspect_count
    from {{ ref('fct_outcome_counts') }}
    union all
    select
        table_id,
        victim_count
    from {{ ref('fct_victim_counts') }}
),

fact_tables as (
    select
        table_id,
        count(*) as fact_rows,
        sum(figure) as fact_sum
    from facts
    group by table_id
),

cell_tables as (
    select
        table_id,
        any_value(file_name) as file_name,
        min(line_number) as line_number,
        count(*) as cell_rows,
        sum(value) as cell_sum
    from {{ ref('fct_table_cells') }}
    where fact_status = 'in_facts'
    group by table_id
)

select
    coalesce(cell_tables.table_id, fact_tables.table_id) as table_id,
    cell_tables.file_name,
    cell_tables.line_number,
    cell_tables.cell_rows,
    fact_tables.fact_rows,
    cell_tables.cell_sum,
    fact_tables.fact_sum
from cell_tables
full outer join fact_tables on cell_tables.table_id = fact_tables.table_id
where
    cell_tables.cell_rows is distinct from fact_tables.fact_rows
    or cell_tables.cell_sum is distinct from fact_tables.fact_sum
