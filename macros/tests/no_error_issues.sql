{#- Any parse or data-quality issue of severity 'error' fails the build, naming each one's
    file, line and message; warnings only show in rpt_data_quality_issues. -#}
{% test no_error_issues(model, severity_column='severity') %}
    with errors as (
        select
            file_name
            || coalesce(':' || line_number::varchar, '')
            || ' [' || issue_code || '] '
            || message as failure_message
        from {{ model }}
        where {{ severity_column }} = 'error'
    )

    select
        error(
            count(*) || ' error issue(s): ' || string_agg(failure_message, ' | ' order by failure_message)
        ) as failure
    from errors
    having count(*) > 0
{% endtest %}
