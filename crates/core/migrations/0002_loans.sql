-- Sajja books, schema 2: loans.
--
-- Tables hold a loan's terms and its history, never its money: every baht lent, repaid, fined
-- or written off is a journal posting that carries the loan's id (`posting.loan_id`). A loan's
-- balance is the sum of its postings on account 1200 (ลูกหนี้เงินกู้).
--
-- Terms are written once. The only column that ever changes is `loan.status`, and only to the
-- status of the loan's latest event: every transition is an appended, dated `loan_event`.

-- Loan products (ประเภทเงินกู้) of the group's regulation. A product is data; a loan copies the
-- terms it needs (rate, method, charge word) when it is applied for, so a later product never
-- changes an existing contract.
CREATE TABLE loan_product (
    id                  TEXT PRIMARY KEY,            -- UUIDv7
    code                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind                TEXT NOT NULL,               -- สามัญ, ฉุกเฉิน, เพื่อการผลิต …
    monthly_rate        TEXT NOT NULL,               -- percent per month, decimal text: '1', '0.75'
    method              TEXT NOT NULL CHECK (method IN
                            ('declining-equal-principal', 'declining-annuity', 'flat', 'interest-only')),
    max_months          INTEGER NOT NULL CHECK (max_months BETWEEN 1 AND 360),
    max_amount          INTEGER CHECK (max_amount > 0),            -- satang
    max_times_savings   TEXT,                        -- decimal multiple of the borrower's savings
    guarantors_above    INTEGER CHECK (guarantors_above >= 0),     -- satang
    guarantors_required INTEGER NOT NULL DEFAULT 1 CHECK (guarantors_required BETWEEN 0 AND 5),
    multiple_allowed    INTEGER NOT NULL DEFAULT 0 CHECK (multiple_allowed IN (0, 1)),
    charge_word         TEXT,                        -- NULL: the group's setting loan_charge_word
    created_at          TEXT NOT NULL
);
CREATE TRIGGER loan_product_no_update BEFORE UPDATE ON loan_product
BEGIN SELECT RAISE(ABORT, 'loan products are never changed: add a new product'); END;
CREATE TRIGGER loan_product_no_delete BEFORE DELETE ON loan_product
BEGIN SELECT RAISE(ABORT, 'loan products are never deleted'); END;

CREATE TABLE loan (
    id           TEXT PRIMARY KEY,                   -- UUIDv7, the `loan_id` of its postings
    number       TEXT NOT NULL UNIQUE,               -- contract number per accounting year: 2568/007
    member_id    TEXT NOT NULL REFERENCES member(id),
    product_id   TEXT NOT NULL REFERENCES loan_product(id),
    applied_on   TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount > 0),           -- satang
    months       INTEGER NOT NULL CHECK (months BETWEEN 1 AND 360),
    monthly_rate TEXT NOT NULL,                      -- copied from the product
    method       TEXT NOT NULL CHECK (method IN
                     ('declining-equal-principal', 'declining-annuity', 'flat', 'interest-only')),
    charge_word  TEXT NOT NULL,
    purpose      TEXT NOT NULL DEFAULT '',
    recorded_by  TEXT REFERENCES member(id),         -- who typed the application
    restructures TEXT REFERENCES loan(id),           -- the loan whose balance this one takes over
    status       TEXT NOT NULL CHECK (status IN
                     ('applied', 'approved', 'rejected', 'active', 'closed', 'restructured', 'written_off')),
    created_at   TEXT NOT NULL
);
CREATE INDEX loan_member ON loan(member_id, status);
CREATE INDEX loan_status ON loan(status, id);
-- The terms of the loans being repaid, together: the due list and the arrears list read them
-- all without touching the rows of the (many more) loans repaid years ago.
CREATE INDEX loan_active ON loan(id, number, member_id, amount, months, monthly_rate, method,
    charge_word, product_id) WHERE status = 'active';
CREATE UNIQUE INDEX loan_restructures ON loan(restructures)
    WHERE restructures IS NOT NULL AND status NOT IN ('rejected');

CREATE TABLE loan_guarantor (
    loan_id    TEXT NOT NULL REFERENCES loan(id),
    member_id  TEXT NOT NULL REFERENCES member(id),
    PRIMARY KEY (loan_id, member_id)
) WITHOUT ROWID;
CREATE INDEX loan_guarantor_member ON loan_guarantor(member_id);

-- The borrower's (and the recorder's) explicit confirmation of a rate above the legal cap,
-- with the rates and the warning that was shown.
CREATE TABLE loan_rate_confirmation (
    loan_id           TEXT PRIMARY KEY REFERENCES loan(id),
    nominal_annual    TEXT NOT NULL,                 -- percent a year, 12 × monthly IRR
    effective_annual  TEXT NOT NULL,                 -- percent a year, (1 + IRR)^12 − 1
    warning           TEXT NOT NULL,
    confirmed_at      TEXT NOT NULL
);

-- Every transition of a loan, dated, in order. `status` is the loan's status after the event.
CREATE TABLE loan_event (
    id          INTEGER PRIMARY KEY,
    loan_id     TEXT NOT NULL REFERENCES loan(id),
    kind        TEXT NOT NULL CHECK (kind IN ('applied', 'approved', 'rejected', 'disbursed',
                    'paid_off', 'reopened', 'restructured', 'written_off')),
    status      TEXT NOT NULL,
    date        TEXT NOT NULL,
    by_member   TEXT REFERENCES member(id),          -- who approved, rejected or wrote off
    meeting     TEXT NOT NULL DEFAULT '',            -- committee meeting reference, e.g. 3/2568
    entry_id    TEXT REFERENCES journal_entry(id),   -- the entry that moved the money, if any
    due_day     INTEGER,                             -- disbursed: the collection day instalments fall on
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX loan_event_loan ON loan_event(loan_id, id);
-- The payout of each loan (the start of its schedule), and loans ended on a date: both read
-- for every loan being repaid when the due list and the arrears list are drawn.
CREATE INDEX loan_event_disbursed ON loan_event(loan_id, date, due_day) WHERE kind = 'disbursed';
CREATE INDEX loan_event_ended ON loan_event(date)
    WHERE kind IN ('paid_off', 'restructured', 'written_off');

-- Loan postings by loan, covering what the dues and the loan card read.
CREATE INDEX posting_loan ON posting(loan_id, date, account, amount) WHERE loan_id IS NOT NULL;

CREATE TRIGGER loan_event_no_update BEFORE UPDATE ON loan_event
BEGIN SELECT RAISE(ABORT, 'loan history is append-only'); END;
CREATE TRIGGER loan_event_no_delete BEFORE DELETE ON loan_event
BEGIN SELECT RAISE(ABORT, 'loan history is append-only'); END;
CREATE TRIGGER loan_guarantor_no_update BEFORE UPDATE ON loan_guarantor
BEGIN SELECT RAISE(ABORT, 'guarantors of a loan are never changed'); END;
CREATE TRIGGER loan_guarantor_no_delete BEFORE DELETE ON loan_guarantor
BEGIN SELECT RAISE(ABORT, 'guarantors of a loan are never changed'); END;
CREATE TRIGGER loan_rate_confirmation_no_update BEFORE UPDATE ON loan_rate_confirmation
BEGIN SELECT RAISE(ABORT, 'a rate confirmation is never changed'); END;
CREATE TRIGGER loan_rate_confirmation_no_delete BEFORE DELETE ON loan_rate_confirmation
BEGIN SELECT RAISE(ABORT, 'a rate confirmation is never deleted'); END;
CREATE TRIGGER loan_no_delete BEFORE DELETE ON loan
BEGIN SELECT RAISE(ABORT, 'loans are never deleted'); END;
CREATE TRIGGER loan_terms_fixed BEFORE UPDATE ON loan
WHEN NEW.id IS NOT OLD.id OR NEW.number IS NOT OLD.number OR NEW.member_id IS NOT OLD.member_id
  OR NEW.product_id IS NOT OLD.product_id OR NEW.applied_on IS NOT OLD.applied_on
  OR NEW.amount IS NOT OLD.amount OR NEW.months IS NOT OLD.months
  OR NEW.monthly_rate IS NOT OLD.monthly_rate OR NEW.method IS NOT OLD.method
  OR NEW.charge_word IS NOT OLD.charge_word OR NEW.purpose IS NOT OLD.purpose
  OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.restructures IS NOT OLD.restructures
  OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'the terms of a loan are never changed: restructure it instead'); END;
CREATE TRIGGER loan_status_by_event BEFORE UPDATE OF status ON loan
WHEN NEW.status IS NOT (SELECT e.status FROM loan_event e WHERE e.loan_id = NEW.id ORDER BY e.id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'a loan changes status only through a recorded loan event'); END;

-- The books decide when a loan is repaid: the posting that brings its balance to zero closes
-- it, whoever posted it (a collection row, a repayment on the loan card), and a reversal that
-- brings money back reopens it. Write-offs and restructures record their own event.
CREATE TRIGGER loan_paid_off AFTER INSERT ON posting
WHEN NEW.account = '1200' AND NEW.loan_id IS NOT NULL
  AND (SELECT status FROM loan WHERE id = NEW.loan_id) = 'active'
  AND (SELECT kind FROM journal_entry WHERE seq = NEW.entry_seq) NOT IN ('loan_writeoff', 'loan_restructure')
  AND (SELECT sum(amount) FROM posting WHERE loan_id = NEW.loan_id AND account = '1200') = 0
BEGIN
    INSERT INTO loan_event (loan_id, kind, status, date, entry_id, recorded_at)
    VALUES (NEW.loan_id, 'paid_off', 'closed', NEW.date,
            (SELECT id FROM journal_entry WHERE seq = NEW.entry_seq),
            strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    UPDATE loan SET status = 'closed' WHERE id = NEW.loan_id;
END;
CREATE TRIGGER loan_reopened AFTER INSERT ON posting
WHEN NEW.account = '1200' AND NEW.loan_id IS NOT NULL
  AND (SELECT status FROM loan WHERE id = NEW.loan_id) = 'closed'
  AND (SELECT sum(amount) FROM posting WHERE loan_id = NEW.loan_id AND account = '1200') <> 0
BEGIN
    INSERT INTO loan_event (loan_id, kind, status, date, entry_id, recorded_at)
    VALUES (NEW.loan_id, 'reopened', 'active', NEW.date,
            (SELECT id FROM journal_entry WHERE seq = NEW.entry_seq),
            strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    UPDATE loan SET status = 'active' WHERE id = NEW.loan_id;
END;
