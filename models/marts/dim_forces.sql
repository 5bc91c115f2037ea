-- Police forces of England and Wales (and British Transport Police) with their ONS codes,
-- and 'england_and_wales' for national figures.
select
    force_key,
    force_name,
    force_type,
    ons_code,
    country,
    is_verified,
    source
from {{ ref('police_forces') }}
