{#- A fact table reproduces what its tables print: per table and period, the fact's
    measure sums to the printed total row (or, without one, to the top-level rows), and over
    the whole table it sums to the printed grand total (total row x total column). -#}
{% test matches_printed_totals(model, measure, subject) %}
    with

    -- Tables whose figures are all in the facts: a held-back table, or one with a held-back
    -- row (an unknown label), is named by its issues instead and not expected to match; nor
    -- is a table a known erratum lets in (it prints a total known to be wrong, whose checks
    -- stay failures in rpt_reconciliation naming the erratum).
    complete_tables as (
        select table_id
        from {{ ref('int_foi_table_cells__fact_status') }}
        group by table_id
        having bool_and(fact_status in ('in_facts', 'total', 'no_value'))
        except
        select table_id
        from {{ ref('int_foi_tables__fact_status') }}
        where erratum_reason is not null
    ),

    cells as (
        select * from {{ ref('int_foi_table_cells__resolved') }}
        where
            table_subject = '{{ subject }}'
            and table_id in (select table_id from complete_tables)
    ),

    fact_by_period as (
        select
            table_id,
            period_start,
            period_end,
            sum({{ measure }}) as fact_total
        from {{ model }}
        where table_id in (select table_id from complete_tables)
        group by table_id, period_start, period_end
    ),

    printed_by_period as (
        select
            table_id,
            period_start,
            period_end,
            coalesce(
                max(cell_value) filter (where is_total_row),
                sum(cell_value) filter (where row_depth = 0 and not is_total_row)
            ) as printed_total,
            min(line_number) filter (where is_total_row) as line_number
        from cells
        where not is_total_column and not (is_total_row and column_kind = 'category' and period_grain != 'month')
        group by table_id, period_start, period_end
    ),

    -- A printed figure covers the fact rows of its own period, or of the periods inside it
    -- (the total row of a table whose rows are years covers every year); a table that
    -- prints no period compares its undated figures.
    period_mismatches as (
        select
            printed.table_id,
            printed.period_start,
            printed.line_number,
            printed.printed_total as expected,
            sum(fact.fact_total) as actual
        from printed_by_period as printed
        left join fact_by_period as fact
            on
                printed.table_id = fact.table_id
                and (
                    (
                        printed.period_start is not distinct from fact.period_start
                        and printed.period_end is not distinct from fact.period_end
                    )
                    or (fact.period_start >= printed.period_start and fact.period_end <= printed.period_end)
                )
        group by printed.table_id, printed.period_start, printed.line_number, printed.printed_total
        having sum(fact.fact_total) is distinct from printed.printed_total
    ),

    unprinted_facts as (
        select
            fact.table_id,
            fact.period_start,
            cast(null as integer) as line_number,
            cast(null as hugeint) as expected,
            fact.fact_total as actual
        from fact_by_period as fact
        where not exists (
            select 1
            from printed_by_period as printed
            where
                printed.table_id = fact.table_id
                and (
                    (
                        printed.period_start is not distinct from fact.period_start
                        and printed.period_end is not distinct from fact.period_end
                    )
                    or (fact.period_start >= printed.period_start and fact.period_end <= printed.period_end)
                )
        )
    ),

    grand_totals as (
        select
            table_id,
            max(cell_value) filter (where is_total_row and (is_total_column or column_kind != 'period'))
                as printed_grand_total,
            min(line_number) filter (where is_total_row) as line_number
        from cells
        group by table_id
    ),

    grand_mismatches as (
        select
            grand_totals.table_id,
            cast(null as date) as period_start,
            grand_totals.line_number,
            grand_totals.printed_grand_total as expected,
            sum(fact.{{ measure }}) as actual
        from grand_totals
        left join {{ model }} as fact on grand_totals.table_id = fact.table_id
        where grand_totals.printed_grand_total is not null
        group by grand_totals.table_id, grand_totals.line_number, grand_totals.printed_grand_total
        having sum(fact.{{ measure }}) is distinct from grand_totals.printed_grand_total
    )

    select * from period_mismatches
    union all
    select * from unprinted_facts
    union all
    select * from grand_mismatches
{% endtest %}
