{#-
    engine_functions(): SQL functions an engine lacks, created before every run
    (on-run-start). PostgreSQL has no try_strptime: try_timestamp(text) casts a
    normalised 'Y-M-D H:M[:S[.f]]' text, or gives null where the date does not
    exist (2024-02-30), as DuckDB's try_strptime does. On Spark: the raw, config
    and reference tables, read from the lake's Parquet folders (hotline.lake) that
    the build synced just before; recreated each run, so a column a later contract
    version added, or a file retired, is seen at once. Nothing to create elsewhere.
-#}
{% macro engine_functions() -%}
    {{ return(adapter.dispatch('engine_functions', 'hotline_warehouse')()) }}
{%- endmacro %}

{% macro default__engine_functions() -%}select 1 as nothing_to_create{%- endmacro %}

{% macro spark__engine_functions() -%}
    {%- set lake = env_var('HOTLINE_LAKE_DIR', '') -%}
    {%- if execute and lake -%}
        {%- set tables = [] -%}
        {%- for source in graph.sources.values() if source.source_name == 'raw' -%}
            {%- do tables.append(('raw', source.name)) -%}
        {%- endfor -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'seed' and node.schema != 'raw' -%}
            {%- do tables.append((node.schema, node.name)) -%}
        {%- endfor -%}
        {%- for schema in tables | map(attribute=0) | unique -%}
            {%- do run_query('create schema if not exists ' ~ schema) -%}
        {%- endfor -%}
        {%- for schema, name in tables -%}
            {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ name) -%}
            {%- do run_query(
                'create table ' ~ schema ~ '.' ~ name ~ ' using parquet options ('
                ~ "path '" ~ lake ~ '/' ~ schema ~ '/' ~ name ~ "', recursiveFileLookup 'true', mergeSchema 'true')"
            ) -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as lake_tables_read
{%- endmacro %}

{% macro postgres__engine_functions() -%}
    create or replace function public.hotline_try_timestamp(value text) returns timestamp
    language plpgsql immutable parallel safe as $fn$
    begin
        return cast(value as timestamp);
    exception when others then
        return null;
    end
    $fn$;

    create or replace function public.hotline_places(
        body text, triggers text[], suffixes text[], min_chars integer, max_chars integer
    ) returns setof text
    language plpgsql immutable parallel safe as $fn$
    declare
        resume integer := 1;
        total integer := char_length(body);
        here integer;
        trigger text;
        name_start integer;
        name_chars integer;
        suffix text;
        found boolean;
    begin
        if body is null then
            return;
        end if;
        loop
            found := false;
            for here in resume .. total loop
                -- at each position the triggers in their order, then the text's start
                foreach trigger in array triggers || case when here = 1 then array[''] else array[]::text[] end loop
                    continue when substr(body, here, char_length(trigger)) <> trigger;
                    name_start := here + char_length(trigger);
                    for name_chars in min_chars .. max_chars loop
                        exit when substr(body, name_start, name_chars) !~ ('^[一-龥]{' || name_chars || '}$');
                        foreach suffix in array suffixes loop
                            if substr(body, name_start + name_chars, char_length(suffix)) = suffix then
                                return next substr(body, name_start, name_chars + char_length(suffix));
                                resume := name_start + name_chars + char_length(suffix);
                                found := true;
                                exit;
                            end if;
                        end loop;
                        exit when found;
                    end loop;
                    exit when found;
                end loop;
                exit when found;
            end loop;
            exit when not found;
        end loop;
    end
    $fn$
{%- endmacro %}
