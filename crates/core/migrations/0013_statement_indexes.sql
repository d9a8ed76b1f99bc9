-- Sajja books, schema 13: the year-end and the year's statements read their figures from
-- indexes alone.
--
-- `posting_account` carries the member and the amount beside (account, date): a year's
-- statements sum each account over a span, and the year-end reads every member's pledged
-- savings and interest of the year, without visiting the posting rows (ten years of a large
-- group are millions of them). `journal_entry_kind` finds the few entries of a kind
-- (the year's closing entries, the balances brought in) without reading the year's entries.
DROP INDEX posting_account;
CREATE INDEX posting_account ON posting(account, date, member_id, amount);
CREATE INDEX journal_entry_kind ON journal_entry(kind, date);
