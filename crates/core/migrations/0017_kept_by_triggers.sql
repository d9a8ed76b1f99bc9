-- Sajja books, schema 17: two rules kept by the tables themselves, where they used to cost a
-- statement of their own for every posting or entry written.
--
-- The books' range (± a hundred trillion baht, `money::BOOKS_MAX_SATANG`): a posting that would
-- take a member's or the group's kept balance past it, or past SQLite's integers (where a sum
-- would turn into a REAL), aborts the INSERT that made it; `journal::write` turns the abort
-- into a Thai refusal and the whole transaction is dropped.
CREATE TRIGGER balance_in_range_insert AFTER INSERT ON balance
WHEN typeof(NEW.amount) <> 'integer' OR abs(NEW.amount) > 10000000000000000
BEGIN SELECT RAISE(ABORT, 'past the books'' range'); END;
CREATE TRIGGER balance_in_range_update AFTER UPDATE OF amount ON balance
WHEN typeof(NEW.amount) <> 'integer' OR abs(NEW.amount) > 10000000000000000
BEGIN SELECT RAISE(ABORT, 'past the books'' range'); END;

-- The journal's counter follows its last entry, so `verify` notices the newest entry removed
-- (the hash chain alone cannot: what is left still chains).
INSERT OR IGNORE INTO counter (name, last) SELECT 'journal', coalesce(max(seq), 0) FROM journal_entry;
CREATE TRIGGER journal_entry_counted AFTER INSERT ON journal_entry
BEGIN UPDATE counter SET last = NEW.seq WHERE name = 'journal'; END;
