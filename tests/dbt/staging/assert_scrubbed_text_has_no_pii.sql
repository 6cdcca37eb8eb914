-- A row returned here means free text left staging with a phone number or an
-- ID-card number in it (the scrubber missed a pattern).
select
    ticket_id,
    _source_file,
    _source_row
from {{ ref('stg_hotline__ticket_rows') }}
where
    {{ regex_matches('content_scrubbed', '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)') }}
    or {{ regex_matches('content_scrubbed', '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9Xx]|$)') }}
    or {{ regex_matches('reply_scrubbed', '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)') }}
    or {{ regex_matches('reply_scrubbed', '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9Xx]|$)') }}
