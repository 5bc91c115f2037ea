{#- Fails the build on any row whose status is 'fail', with a message that names the
    document, table and line of each failing check (DuckDB's error() raises it). -#}
{% test no_failed_checks(model, status_column='status', message_column='failure_message') %}
    with failed as (
        select {{ message_column }} as failure_message
        from {{ model }}
        where {{ status_column }} = 'fail'
    )

    select
        error(
            count(*) || ' failed check(s): ' || string_agg(failure_message, ' | ' order by failure_message)
        ) as failure
    from failed
    having count(*) > 0
{% endtest %}
