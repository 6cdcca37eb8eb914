-- A row returned here means a loaded file lost or invented rows: the records the
-- loader read differ from staged + quarantined + exact duplicates.
select *
from {{ ref('fct_file_reconciliation') }}
where not reconciles
