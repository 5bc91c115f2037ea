-- Offence members are consistent across documents (issue 12): every label of
-- offence_label_map maps to one member at one level; every member below a group sits in a
-- Home Office / ONS group row of ho_offence_classifications; every fact row's group is that
-- Home Office group (none for a force's own grouping); and an offence printed under a group
-- row sits in the same Home Office class as the group row. Each failing row says why.
with

label_map as (
    select * from {{ ref('offence_label_map') }}
),

offences as (
    select * from {{ ref('ho_offence_classifications') }}
),

facts as (
    select * from {{ ref('fct_offence_counts') }}
),

detail_cells as (
    select * from {{ ref('int_foi_detail_cells') }}
    where table_subject = 'offences' and parent_member_key is not null
),

group_rows as (
    select
        offence_key,
        offence_name
    from offences
    where offence_level = 'group'
),

labels_at_many_levels as (
    select
        'label ''' || label_map.label_normalised || ''' maps to '
        || count(distinct label_map.offence_key) || ' members at '
        || count(distinct offences.offence_level) || ' levels, expected one' as failure
    from label_map
    left join offences on label_map.offence_key = offences.offence_key
    where label_map.offence_key is not null
    group by label_map.label_normalised
    having count(distinct label_map.offence_key) != 1 or count(distinct offences.offence_level) != 1
),

members_outside_groups as (
    select
        'member ' || offences.offence_key || ' (' || offences.offence_level || ') sits in '
        || coalesce('''' || offences.offence_group || '''', 'no group')
        || ', which is no group row of ho_offence_classifications' as failure
    from offences
    where
        offences.offence_level != 'force_grouping'
        and offences.offence_group not in (select group_rows.offence_name from group_rows)
        or (offences.offence_level != 'force_grouping' and offences.offence_group is null)
),

facts_without_home_office_group as (
    select
        facts.file_name || ' line ' || facts.line_number || ': offence ''' || facts.offence
        || ''' (' || facts.offence_key || ', ' || facts.offence_level || ') has group '
        || coalesce(facts.offence_group_key, 'none') as failure
    from facts
    left join group_rows on facts.offence_group_key = group_rows.offence_key
    where
        (facts.offence_level != 'force_grouping' and group_rows.offence_key is null)
        or (facts.offence_level = 'force_grouping' and facts.offence_group_key is not null)
),

offences_outside_their_printed_group as (
    select
        detail_cells.file_name || ' line ' || detail_cells.line_number || ': '''
        || detail_cells.row_label || ''' maps to class ' || coalesce(members.offence_class, 'none')
        || ' under the printed group row ''' || detail_cells.parent_row_label
        || ''' of class ' || parents.offence_class as failure
    from detail_cells
    inner join offences as members on detail_cells.member_key = members.offence_key
    inner join offences as parents on detail_cells.parent_member_key = parents.offence_key
    where
        parents.offence_class is not null
        and members.offence_class is distinct from parents.offence_class
)

select failure from labels_at_many_levels
union all
select failure from members_outside_groups
union all
select failure from facts_without_home_office_group
union all
select failure from offences_outside_their_printed_group
