-- Sajja books, schema 8: balances brought in from the paper books (ยอดยกมา).
--
-- A group that kept its books on paper or in a spreadsheet starts in Sajja on a cut-over
-- date: its balances are posted as ordinary balanced journal entries of kind 'opening' on
-- that date, and the books are locked through the day before. These tables remember what the
-- journal alone cannot say: from which month a member's pledged savings are still owed, and
-- where a loan that was paid out years ago stood on the cut-over date.

-- The cut-over, once: the first day the books are kept in Sajja.
CREATE TABLE opening (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    cutover     TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

-- Every opening entry: which kind of balance it brought in (sajja, deposits, fines, funds,
-- loans) and from which file.
CREATE TABLE opening_entry (
    entry_id  TEXT PRIMARY KEY REFERENCES journal_entry(id),
    kind      TEXT NOT NULL,
    source    TEXT NOT NULL DEFAULT ''                   -- the file it was read from
);

-- A member's pledged savings as at the cut-over: the amount brought in covers every month
-- through `paid_through` ('YYYY-MM'; NULL: nothing paid yet); months after it are owed.
CREATE TABLE member_opening (
    member_id     TEXT PRIMARY KEY REFERENCES member(id),
    paid_through  TEXT,
    sajja         INTEGER NOT NULL CHECK (sajja >= 0),   -- satang
    deposits      INTEGER NOT NULL CHECK (deposits >= 0),
    fines         INTEGER NOT NULL CHECK (fines >= 0)
) WITHOUT ROWID;

-- A loan paid out before the cut-over: the principal still owed then (posted on 1200 by the
-- opening entry) and the last month whose interest was paid ('YYYY-MM'; NULL: none).
CREATE TABLE loan_opening (
    loan_id           TEXT PRIMARY KEY REFERENCES loan(id),
    owed              INTEGER NOT NULL CHECK (owed > 0),  -- satang
    interest_paid_to  TEXT
) WITHOUT ROWID;

CREATE TRIGGER opening_no_update BEFORE UPDATE ON opening
BEGIN SELECT RAISE(ABORT, 'the cut-over date is set once'); END;
CREATE TRIGGER opening_no_delete BEFORE DELETE ON opening
BEGIN SELECT RAISE(ABORT, 'the cut-over date is set once'); END;
CREATE TRIGGER opening_entry_no_update BEFORE UPDATE ON opening_entry
BEGIN SELECT RAISE(ABORT, 'balances brought in are never changed'); END;
CREATE TRIGGER opening_entry_no_delete BEFORE DELETE ON opening_entry
BEGIN SELECT RAISE(ABORT, 'balances brought in are never changed'); END;
CREATE TRIGGER member_opening_no_update BEFORE UPDATE ON member_opening
BEGIN SELECT RAISE(ABORT, 'balances brought in are never changed'); END;
CREATE TRIGGER member_opening_no_delete BEFORE DELETE ON member_opening
BEGIN SELECT RAISE(ABORT, 'balances brought in are never changed'); END;
CREATE TRIGGER loan_opening_no_update BEFORE UPDATE ON loan_opening
BEGIN SELECT RAISE(ABORT, 'balances brought in are never changed'); END;
CREATE TRIGGER loan_opening_no_delete BEFORE DELETE ON loan_opening
BEGIN SELECT RAISE(ABORT, 'balances brought in are never changed'); END;

-- Each opening entry balances against this account; once every kind is in, it is zero
-- (the paper books balanced). `verify` names what is left in it.
INSERT OR IGNORE INTO account (code, name, kind, fund)
VALUES ('3950', 'ผลต่างยอดยกมา', 'equity', 'operating');
