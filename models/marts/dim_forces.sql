-- Police forces of England and Wales (and British Transport Police) with their ONS codes.
select
    force_key,
    force_name,
    ons_code,
    country,
    is_verified,
    source
from {{ ref('police_forces') }}
