{#- Any parse or data-quality issue of severity 'error' that is not contained fails the build,
    naming each one's file, line and message; warnings only show in rpt_data_quality_issues.
    An error is contained, and does not fail the build, when its document is loaded and
    nothing it doubts reaches the facts: it names a table that is held back (or never in the
    facts), or it names a line but no table (nothing on that line was read into a table).
    Contained errors are listed as WARN by tests/dbt/held_back_figures_are_listed.sql. A
    quarantined document's errors are governed by outside_quarantine. -#}
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
            {{ outside_containment() }}
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
