-- A row returned here means a caller's phone was not hashed: the salt did not reach
-- the connection that built staging (phone_salt() read as null), so repeat callers
-- could no longer be told apart.
-- An incremental run reads the staged rows no passing build has tested (macros/test_scope.sql).
select
    raw_rows._source_file,
    raw_rows._source_row
from {{ source('raw', 'ticket_exports') }} as raw_rows
inner join {{ new_rows(ref('base_hotline__ticket_rows')) }} as staged
    on raw_rows._file_hash = staged._file_hash and raw_rows._source_row = staged._source_row
where
    -- the raw rows of those files only: a short list of hashes the raw files are skipped by
    raw_rows._file_hash in (
        select distinct tested._file_hash from {{ new_rows(ref('base_hotline__ticket_rows')) }} as tested
    )
    and length({{ regexp_replace_all("coalesce(raw_rows.caller_phone, '')", '[^0-9]', '') }}) >= 7
    and staged.caller_phone_hash is null
