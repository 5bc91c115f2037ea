{#- Every printed label maps to a member. A document with a label no map knows fails the
    build with the label, the document, the line and the seed to add it to. -#}
{% test all_labels_mapped(model, member_column='member_key') %}
    with unmapped as (
        select
            replace(label_dimension, '_', ' ') || ' label "' || printed_label || '" (normalised "'
            || label_normalised || '") in ' || file_name || ':' || line_number
            || ' is in no label map: add a row for it to ' || label_map_seed as failure_message
        from {{ model }}
        where {{ member_column }} is null
    ),

    summary as (
        select
            count(*) as failure_count,
            count(*) || ' unmapped label(s): '
            || string_agg(failure_message, ' | ' order by failure_message) as failure_summary
        from unmapped
    )

    select failure_summary
    from summary
    where failure_count > 0 and error(failure_summary) is null
{% endtest %}
