-- Every printed member label of an FOI table (offences and offence groups, suspect roles,
-- outcomes) resolved through the label-map seeds to its Home Office or reference member.
-- A label no map knows keeps a null member_key: its rows are held back from the facts
-- (int_foi_table_cells__fact_status) and int_foi_row_labels__unmapped reports it, naming the
-- label, document, line, the nearest known labels and the seed row to add.
with

table_rows as (
    select * from {{ ref('stg_raw__foi_table_rows') }}
),

foi_tables as (
    select * from {{ ref('int_foi_tables__classified') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

offence_map as (
    select * from {{ ref('offence_label_map') }}
),

suspect_role_map as (
    select * from {{ ref('suspect_role_label_map') }}
),

outcome_map as (
    select * from {{ ref('outcome_label_map') }}
),

-- Which dimension each row's label belongs to: offence tables name offences (their group
-- rows name offence groups); suspect-role tables name roles; outcome tables name outcomes
-- in their detail rows and the roles those outcomes break down in their group rows.
member_rows as (
    select
        table_rows.table_id,
        table_rows.row_number,
        table_rows.document_id,
        table_rows.line_number,
        table_rows.row_kind,
        table_rows.row_label as printed_label,
        table_rows.row_label_normalised as label_normalised,
        case
            when foi_tables.table_subject = 'offences' then 'offence'
            when foi_tables.table_subject = 'suspect_roles' then 'suspect_role'
            when foi_tables.table_subject = 'outcomes' and table_rows.row_kind = 'group' then 'suspect_role'
            when foi_tables.table_subject = 'outcomes' then 'outcome'
        end as label_dimension
    from table_rows
    inner join foi_tables on table_rows.table_id = foi_tables.table_id
    where
        table_rows.row_kind in ('group', 'detail')
        and foi_tables.table_subject in ('offences', 'suspect_roles', 'outcomes')
),

offence_members as (
    -- One member per label whatever the row kind (offence_label_map has one row per label),
    -- so a label has the same level in every table: 'HARASSMENT' and 'Harassment' are class 8L.
    select
        member_rows.table_id,
        member_rows.row_number,
        offence_map.offence_key as member_key
    from member_rows
    inner join offence_map on member_rows.label_normalised = offence_map.label_normalised
    where member_rows.label_dimension = 'offence'
)

select
    member_rows.table_id,
    member_rows.row_number,
    member_rows.document_id,
    documents.file_name,
    member_rows.line_number,
    member_rows.row_kind,
    member_rows.label_dimension,
    member_rows.printed_label,
    member_rows.label_normalised,
    case member_rows.label_dimension
        when 'offence' then offence_members.member_key
        when 'suspect_role' then suspect_role_map.suspect_role_key
        when 'outcome' then outcome_map.outcome_type
    end as member_key,
    case member_rows.label_dimension
        when 'offence' then 'seeds/reference/offence_label_map.csv'
        when 'suspect_role' then 'seeds/reference/suspect_role_label_map.csv'
        when 'outcome' then 'seeds/reference/outcome_label_map.csv'
    end as label_map_seed
from member_rows
inner join documents on member_rows.document_id = documents.document_id
left join offence_members
    on
        member_rows.table_id = offence_members.table_id
        and member_rows.row_number = offence_members.row_number
left join suspect_role_map
    on
        member_rows.label_dimension = 'suspect_role'
        and member_rows.label_normalised = suspect_role_map.label_normalised
left join outcome_map
    on
        member_rows.label_dimension = 'outcome'
        and member_rows.label_normalised = outcome_map.label_normalised
