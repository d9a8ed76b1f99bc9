-- Sajja books, schema 4: drop an index nothing reads.
--
-- `journal_entry_member` (member_id, date) was never used by a query: a member's history is
-- read from `posting_member`, and joins go from the entry to the member by the member's key.
-- Every collection row still paid for it, a page at a random place in a large file.
DROP INDEX journal_entry_member;
