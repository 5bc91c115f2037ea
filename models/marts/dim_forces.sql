-- Police forces of England and Wales (and British Transport Police) with their ONS codes,
-- 'england_and_wales' for national figures, and the other public bodies whose FOI replies
-- the warehouse reads (Police Scotland, PSNI, States of Jersey Police, Crown Office, joint
-- replies of two forces): every force_key a document can get.
with

bodies as (
    select
        force_key,
        force_name,
        force_type,
        ons_code,
        country,
        is_verified,
        source
    from {{ ref('police_forces') }}
    union all
    select
        force_key,
        force_name,
        force_type,
        ons_code,
        country,
        is_verified,
        source
    from {{ ref('public_bodies') }}
)

select * from bodies
