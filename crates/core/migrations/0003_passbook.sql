-- Sajja books, schema 3: where each member's physical passbook (สมุดคู่ฝาก) was printed up to.
--
-- Continuation printing puts only the entries posted since the last print on the next free
-- lines of the member's book. This table remembers, per member, which book is in use, the last
-- line printed in it (counted over the whole book: line 25 is the first line of page 2 when a
-- page has 24) and the last journal entry printed. The balances printed on that line are kept
-- so the next print can start from them without re-deriving what the book shows.
--
-- The row before the last print is kept too (`prev_*`), so a print that jammed in the printer
-- can be printed again at the same place. This is printing state, not money: it is updated in
-- place, unlike the journal.
CREATE TABLE passbook (
    member_id         TEXT PRIMARY KEY REFERENCES member(id),
    book              INTEGER NOT NULL CHECK (book >= 1),          -- เล่มที่
    line              INTEGER NOT NULL CHECK (line >= 0),          -- last printed line, 0 = none
    entry_seq         INTEGER NOT NULL CHECK (entry_seq >= 0),     -- last printed journal_entry.seq
    balance           INTEGER NOT NULL,                            -- satang, savings + deposits
    loan_balance      INTEGER NOT NULL,                            -- satang
    prev_book         INTEGER NOT NULL CHECK (prev_book >= 1),
    prev_line         INTEGER NOT NULL CHECK (prev_line >= 0),
    prev_entry_seq    INTEGER NOT NULL CHECK (prev_entry_seq >= 0),
    prev_balance      INTEGER NOT NULL,
    prev_loan_balance INTEGER NOT NULL,
    printed_at        TEXT NOT NULL                                -- UTC, when the last print was made
);
