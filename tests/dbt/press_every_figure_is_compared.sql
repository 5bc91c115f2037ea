-- Every curated figure is compared with the FOI data or says why it cannot be: no figure
-- silently drops out of the FOI comparison.
with

figures as (
    select figure_id from {{ ref('fct_published_figures') }}
),

compared as (
    select distinct figure_id
    from {{ ref('rpt_figure_checks') }}
    where check_type = 'foi_comparison'
)

select figures.figure_id
from figures
left join compared on figures.figure_id = compared.figure_id
where compared.figure_id is null
