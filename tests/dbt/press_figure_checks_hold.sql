-- Published figures that do not hold against each other or against the FOI data. A failed
-- figure check is a finding about an article, not a defect of the warehouse, so it warns
-- (see marts.rpt_figure_checks for the whole report); a curated figure that has drifted
-- from its text fails the build instead (press_figures_match_text).
{{ config(severity='warn') }}

select
    check_id,
    file_name,
    line_number,
    description,
    note
from {{ ref('rpt_figure_checks') }}
where status = 'fail'
