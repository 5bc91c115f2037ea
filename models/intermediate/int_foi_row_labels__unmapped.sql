-- Every printed member label no label map knows, as a data-quality issue (severity
-- warning): the label, the nearest labels the map does know (Jaro-Winkler similarity of the
-- normalised text), and the seed row that would publish it. Its rows are held back from the
-- facts (int_foi_table_cells__fact_status); every other row and document publishes.
with

unmapped as (
    select * from {{ ref('int_foi_row_labels__mapped') }}
    where member_key is null
),

known_labels as (
    select
        'offence' as label_dimension,
        label_normalised,
        offence_key as member_key
    from {{ ref('offence_label_map') }}
    union all
    select
        'suspect_role' as label_dimension,
        label_normalised,
        suspect_role_key as member_key
    from {{ ref('suspect_role_label_map') }}
    union all
    select
        'outcome' as label_dimension,
        label_normalised,
        outcome_type as member_key
    from {{ ref('outcome_label_map') }}
),

-- The three known labels of the same map nearest to each unknown one.
similarities as (
    select
        unmapped.table_id,
        unmapped.row_number,
        known_labels.label_normalised,
        known_labels.member_key,
        jaro_winkler_similarity(unmapped.label_normalised, known_labels.label_normalised) as similarity
    from unmapped
    inner join known_labels on unmapped.label_dimension = known_labels.label_dimension
    qualify row_number() over (
        partition by unmapped.table_id, unmapped.row_number
        order by similarity desc, known_labels.label_normalised asc
    ) <= 3
),

nearest as (
    select
        table_id,
        row_number,
        string_agg(
            '"' || label_normalised || '" (' || member_key || ', ' || round(similarity, 2) || ')',
            ', '
            order by similarity desc, label_normalised asc
        ) as nearest_labels
    from similarities
    group by table_id, row_number
),

-- A printed label goes into the seed row as CSV: quoted when it holds a comma or a quote.
seed_rows as (
    select
        table_id,
        row_number,
        case
            when regexp_matches(printed_label, '[,"]') then '"' || replace(printed_label, '"', '""') || '"'
            else printed_label
        end as printed_csv,
        case
            when
                regexp_matches(label_normalised, '[,"]')
                then '"' || replace(label_normalised, '"', '""') || '"'
            else label_normalised
        end as normalised_csv
    from unmapped
)

select
    'labels' as issue_source,
    unmapped.document_id,
    unmapped.file_name,
    unmapped.line_number,
    unmapped.table_id,
    'warning' as severity,
    'unknown_label' as issue_code,
    replace(unmapped.label_dimension, '_', ' ') || ' label "' || unmapped.printed_label
    || '" (normalised "' || unmapped.label_normalised || '") in ' || unmapped.file_name || ':'
    || unmapped.line_number || ' is in no label map, so its row is held back from the facts; '
    || 'nearest known labels: ' || coalesce(nearest.nearest_labels, 'none') || '. To publish it, '
    || 'add a row to ' || unmapped.label_map_seed || ' once a source proves what it means: '
    || seed_rows.normalised_csv || ','
    || case unmapped.label_dimension
        when 'offence' then '<offence_key>,' || (unmapped.row_kind = 'group') || ','
        when 'suspect_role' then '<suspect_role_key>,'
        when 'outcome' then '<outcome_type>,'
    end
    || seed_rows.printed_csv || ',' || unmapped.file_name || ',' || unmapped.line_number
    || ',<source>,false,' as message,
    unmapped.printed_label as printed_text,
    unmapped.label_dimension,
    unmapped.printed_label,
    unmapped.label_normalised,
    nearest.nearest_labels,
    unmapped.label_map_seed,
    unmapped.row_number
from unmapped
inner join seed_rows
    on unmapped.table_id = seed_rows.table_id and unmapped.row_number = seed_rows.row_number
left join nearest
    on unmapped.table_id = nearest.table_id and unmapped.row_number = nearest.row_number
