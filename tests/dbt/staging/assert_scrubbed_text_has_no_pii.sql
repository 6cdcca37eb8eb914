-- A row returned here means free text left staging with a phone number or an
-- ID-card number in it (the scrubber missed a written form). Checked another way
-- than the scrubber finds them: every separator people put in a number (blanks,
-- dashes, dots, brackets, plus signs, full-width or not) is deleted first, then
-- plain digit runs are looked for. Both numbers hold eleven digits or more, so only
-- text with eleven digit characters (anywhere, any width) can hold one: the rest is
-- not squeezed at all.
-- An incremental run reads the rows no passing build has tested (macros/test_scope.sql).
with

texts as (
    select
        ticket_rows.ticket_id,
        ticket_rows._source_file,
        ticket_rows._source_row,
        {{ regexp_replace_all(
            "translate(coalesce(ticket_rows.content_scrubbed, '') || ' ' || coalesce(ticket_rows.reply_scrubbed, ''), '０１２３４５６７８９', '0123456789')",
            '[-. 　－．+＋()（）]', '') }} as squeezed
    from {{ new_rows(ref('base_hotline__ticket_rows')) }} as ticket_rows
    where {{ regex_matches(
        "coalesce(ticket_rows.content_scrubbed, '') || ' ' || coalesce(ticket_rows.reply_scrubbed, '')",
        '([0-9０-９][^0-9０-９]*){11}') }}
)

select
    ticket_id,
    _source_file,
    _source_row
from texts
where
    {{ regex_matches('squeezed', '(^|[^0-9])(0086|86)?1[3-9][0-9]{9}([^0-9]|$)') }}
    or {{ regex_matches('squeezed', '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9Xx]|$)') }}
