{#- Every curated published figure still stands in its document: the quote is in its line
    (read from the document lines, not from the model's own matching), the printed value is
    in the quote, and the number the text prints there is the curated value. Fails the build
    with one message naming each drifted figure, its file and line, and what the text prints
    there now (DuckDB's error() raises it). -#}
{% test press_figures_match_text(model, lines) %}
    -- A figure whose article is not in the documents folder is not checked: an analyst's
    -- folder need not hold the shipped articles (fct_published_figures shows it unlocated).
    with figures as (
        select * from {{ model }}
        where document_id is not null
    ),

    document_lines as (
        select
            document_id,
            line_number,
            line_text
        from {{ lines }}
    ),

    drifted as (
        select
            figures.figure_id || ' ' || figures.file_name || ':' || figures.line_number || ': '
            || case
                when document_lines.line_text is null then 'the document has no such line'
                when strpos(document_lines.line_text, figures.quote) = 0
                    then 'quote "' || figures.quote || '" is not in the line'
                    || case
                        when figures.printed_text is null then ''
                        when not figures.matches_text
                            then ' (the text now prints ' || figures.printed_text || ' where the seed has '
                            || figures.printed_value || ')'
                        else ' (another number of the quote changed; the figure still reads '
                            || figures.printed_text || ')'
                    end
                when strpos(figures.quote, figures.printed_value) = 0
                    then 'printed_value "' || figures.printed_value || '" is not in the quote'
                else
                    'value ' || figures.value || ' is not what the text states ('
                    || coalesce(cast(figures.printed_value_in_text as varchar), 'no number read') || ')'
            end as failure_message
        from figures
        left join document_lines
            on figures.document_id = document_lines.document_id and figures.line_number = document_lines.line_number
        where
            document_lines.line_text is null
            or strpos(document_lines.line_text, figures.quote) = 0
            or strpos(figures.quote, figures.printed_value) = 0
            or not figures.matches_text
    ),

    summary as (
        select
            count(*) as failure_count,
            count(*) || ' published figure(s) no longer match their text (update '
            || 'seeds/published_figures.csv after review): '
            || string_agg(failure_message, ' | ' order by failure_message) as failure_summary
        from drifted
    )

    -- error() sits in the filter so that dbt's count(*) wrapper cannot optimise it away:
    -- the build stops with every drifted figure named, not just a count.
    select failure_summary
    from summary
    where failure_count > 0 and error(failure_summary) is null
{% endtest %}
