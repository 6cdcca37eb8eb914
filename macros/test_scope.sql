{#-
    get_where_subquery(relation): what a generic data test reads of the model it
    tests (dbt calls this for the model argument of every generic test; this
    project's macro takes the place of dbt's own).

    An incremental run tests only the rows no passing build has tested yet:
    when HOTLINE_TESTS_SINCE holds the load time of the newest file the last
    passing build saw (hotline.test_scope: hotline.pipeline and the Dagster job
    set it for incremental builds of landed files), a model whose config carries
    meta.new_rows_column (the ticket-grain models: staged rows, versions,
    tickets, enriched tickets, places, repeat links, fct_tickets) is read
    after that time.
    Rows are appended in load order, so the filter skips the history's row
    groups instead of reading them. A full refresh, a build of the embedded
    sample, and the scheduled full check (orchestration.history_checks: every
    test over all history) leave it unset, so those test every row. A test's
    own `where` config still applies, and both are combined.

    new_rows(relation): the same scope for a singular test, which names its
    models itself: `from {{ new_rows(ref('base_hotline__ticket_rows')) }} as t`.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%}
        {%- do conditions.append('(' ~ config.get('where') ~ ')') -%}
    {%- endif -%}
    {%- set since = new_rows_since(relation) -%}
    {%- if since -%}
        {%- do conditions.append(since) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{% macro new_rows(relation) -%}
    {%- set since = new_rows_since(relation) -%}
    {%- do return('(select * from ' ~ relation ~ ' where ' ~ since ~ ')' if since else relation) -%}
{%- endmacro %}

{% macro new_rows_since(relation) -%}
    {%- set since = run_timestamp('HOTLINE_TESTS_SINCE') -%}
    {%- if not since or flags.FULL_REFRESH -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' -%}
        {%- set column = node.config.meta.get('new_rows_column') -%}
        {%- if column and node.alias == relation.identifier and node.schema == relation.schema -%}
            {%- do return(column ~ " > cast('" ~ since ~ "' as timestamp)") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do return('') -%}
{%- endmacro %}

{#-
    run_timestamp(name): a run-specific timestamp from the environment variable
    `name`, or '' when unset. Read at execution only: a value read while parsing
    would make every run re-parse the files that use it.
-#}
{% macro run_timestamp(name) -%}
    {%- set value = env_var(name, '') if execute else '' -%}
    {%- if value and not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:.]+', value) -%}
        {%- do exceptions.raise_compiler_error(name ~ ' is not a timestamp: ' ~ value) -%}
    {%- endif -%}
    {%- do return(value) -%}
{%- endmacro %}

{#-
    landing_started_at(): when this run's landing began (HOTLINE_LANDING_STARTED_AT,
    set by the pipeline) as a timestamp literal; before any data when unset.
-#}
{% macro landing_started_at() -%}
    {{- return("cast('" ~ (run_timestamp('HOTLINE_LANDING_STARTED_AT') or '1900-01-01 00:00:00') ~ "' as timestamp)") -}}
{%- endmacro %}
