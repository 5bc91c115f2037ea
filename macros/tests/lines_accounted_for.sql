{#- Every line of every readable document is recorded once: the lines of each document
    are numbered 1..line_count with none missing. -#}
{% test lines_accounted_for(model, documents) %}
    with recorded as (
        select
            document_id,
            count(*) as recorded_lines,
            count(distinct line_number) as distinct_lines,
            min(line_number) as first_line,
            max(line_number) as last_line
        from {{ model }}
        group by document_id
    )

    select
        documents.file_name,
        documents.line_count,
        recorded.recorded_lines,
        recorded.distinct_lines,
        recorded.first_line,
        recorded.last_line
    from {{ documents }} as documents
    left join recorded on documents.document_id = recorded.document_id
    where
        documents.line_count is not null
        and (
            recorded.recorded_lines is distinct from documents.line_count
            or recorded.distinct_lines is distinct from documents.line_count
            or (documents.line_count > 0 and recorded.first_line != 1)
            or recorded.last_line is distinct from documents.line_count
        )
{% endtest %}
