{#- Returns every issue of severity 'warning', one row each with its file, line and message.
    Attach it with `config: severity: warn`: `dbt build` then prints WARN and the count but
    passes; `dbt test --store-failures` keeps the rows. -#}
{% test no_warning_issues(model, severity_column='severity') %}
    select
        file_name,
        line_number,
        issue_code,
        message
    from {{ model }}
    where {{ severity_column }} = 'warning'
{% endtest %}
