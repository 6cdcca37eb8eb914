-- A row returned here means a file whose quarantined share exceeds the configured
-- threshold (var quarantine_max_share, env HOTLINE_QUARANTINE_MAX_SHARE, default 0.2):
-- the build fails loudly rather than publish numbers built on a broken export. Only
-- the files landed by this run count (HOTLINE_LANDING_STARTED_AT, set by the landing
-- step): a file that failed once does not fail every later build.
{{ config(severity='error') }}

select
    source_file,
    quarantined_rows,
    raw_rows,
    quarantined_share
from {{ ref('fct_file_reconciliation') }}
where
    quarantined_share > {{ var('quarantine_max_share') }}
    and loaded_at >= {{ landing_started_at() }}
