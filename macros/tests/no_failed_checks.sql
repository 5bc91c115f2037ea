{#- Fails the build on any row whose status is 'fail', with a message that names the
    document, table and line of each failing check (DuckDB's error() raises it). -#}
{% test no_failed_checks(model, status_column='status', message_column='failure_message') %}
    with failed as (
        select {{ message_column }} as failure_message
        from {{ model }}
        where {{ status_column }} = 'fail'
    ),

    summary as (
        select
            count(*) as failure_count,
            count(*) || ' failed check(s): '
            || string_agg(failure_message, ' | ' order by failure_message) as failure_summary
        from failed
    )

    -- error() sits in the filter so that dbt's count(*) wrapper cannot optimise it away:
    -- the build stops with every failure named, not just a count.
    select failure_summary
    from summary
    where failure_count > 0 and error(failure_summary) is null
{% endtest %}
