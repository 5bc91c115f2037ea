-- Two rows with one name are two things: an official table's area row sits, by its figures
-- (the group row it sums into), under the area the ons_police_force_areas seed says it is
-- printed under: the West Midlands police force area (E23000014) under the West Midlands
-- region (E12000005), never the other way round. A police force area under no area, or
-- under another one, is listed.
select distinct
    file_name,
    table_id,
    line_number,
    row_label,
    area_code,
    parent_area_code as seed_parent_area_code,
    parent_row_area_code as figures_parent_area_code
from {{ ref('int_official_area_cells') }}
where
    area_kind is not null
    and (parent_row_area_code is not null or area_kind = 'police_force_area')
    and parent_row_area_code is distinct from parent_area_code
    and table_id in (
        select table_id
        from {{ ref('int_foi_tables__classified') }}
        where hierarchy_status in ('reconciled', 'reconciled_with_repairs')
    )
