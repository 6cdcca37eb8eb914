-- A row returned here means a file whose quarantined share exceeds the configured
-- threshold (var quarantine_max_share, env HOTLINE_QUARANTINE_MAX_SHARE, default 0.2):
-- the build fails loudly rather than publish numbers built on a broken export.
{{ config(severity='error') }}

select
    source_file,
    quarantined_rows,
    raw_rows,
    quarantined_share
from {{ ref('fct_file_reconciliation') }}
where quarantined_share > {{ var('quarantine_max_share') }}
