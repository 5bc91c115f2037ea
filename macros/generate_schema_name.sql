{#- Use the folder's schema name as it is (`marts`, not `main_marts`), so analysts write
    marts.fct_offence_counts whatever the target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
