{#- In a scheduled build (`--vars '{allow_quarantine: true}'`, set by python -m ingest.scheduled)
    a quarantined document's own errors do not stop the other documents from publishing: its
    figures are already kept out of the facts, and the scheduler's exit status reports it.
    A plain `dbt build` fails on them, naming each file and line. The ref is always rendered
    so that dbt knows the dependency whatever the variable. -#}
{% macro outside_quarantine(document_column='document_id') -%}
    and not (
        {{ 'true' if var('allow_quarantine', false) else 'false' }}
        and {{ document_column }} in (
            select quarantined.document_id from {{ ref('stg_raw__documents') }} as quarantined
            where quarantined.load_status = 'quarantined'
        )
    )
{%- endmacro %}
