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
        where
            {{ severity_column }} = 'error'
            {{ outside_quarantine() }}
    ),

    summary as (
        select
            count(*) as failure_count,
            count(*) || ' error issue(s): '
            || string_agg(failure_message, ' | ' order by failure_message) as failure_summary
        from errors
    )

    -- error() sits in the filter so that dbt's count(*) wrapper cannot optimise it away:
    -- the build stops with every failure named, not just a count.
    select failure_summary
    from summary
    where failure_count > 0 and error(failure_summary) is null
{% endtest %}
