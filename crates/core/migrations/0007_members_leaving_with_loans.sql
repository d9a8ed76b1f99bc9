-- Sajja books, schema 7: members who leave with loans, applications and guarantees.
--
-- The loan history gains four kinds of event: `cancelled` (an application or approval
-- cancelled because the borrower left; status 'rejected'), `member_left` (the borrower left:
-- what the savings paid and what stays a debt), `guarantor_replaced` and `guarantor_released`
-- (a guarantor's obligation ended by another member taking it over, or by the committee).
-- SQLite cannot change a CHECK in place, so `loan_event` is rebuilt with its indexes and the
-- triggers that read it, and with it `loan_decision_signer`, whose rows point at its events.

DROP TRIGGER loan_status_by_event;
DROP TRIGGER loan_paid_off;
DROP TRIGGER loan_reopened;

CREATE TABLE loan_event_new (
    id          INTEGER PRIMARY KEY,
    loan_id     TEXT NOT NULL REFERENCES loan(id),
    kind        TEXT NOT NULL CHECK (kind IN ('applied', 'approved', 'rejected', 'disbursed',
                    'paid_off', 'reopened', 'restructured', 'written_off', 'cancelled',
                    'member_left', 'guarantor_replaced', 'guarantor_released')),
    status      TEXT NOT NULL,
    date        TEXT NOT NULL,
    by_member   TEXT REFERENCES member(id),
    meeting     TEXT NOT NULL DEFAULT '',
    entry_id    TEXT REFERENCES journal_entry(id),
    due_day     INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    meeting_id  TEXT REFERENCES meeting(id)
);
INSERT INTO loan_event_new SELECT id, loan_id, kind, status, date, by_member, meeting, entry_id,
    due_day, note, recorded_at, meeting_id FROM loan_event;
CREATE TABLE loan_decision_signer_new (
    loan_id    TEXT NOT NULL REFERENCES loan(id),
    event_id   INTEGER NOT NULL REFERENCES loan_event_new(id),
    member_id  TEXT NOT NULL REFERENCES member(id),
    seat_id    INTEGER REFERENCES committee_seat(id),   -- NULL: no register kept yet
    PRIMARY KEY (event_id, member_id)
) WITHOUT ROWID;
INSERT INTO loan_decision_signer_new SELECT loan_id, event_id, member_id, seat_id
    FROM loan_decision_signer;
DROP TABLE loan_decision_signer;
DROP TABLE loan_event;
ALTER TABLE loan_event_new RENAME TO loan_event;
ALTER TABLE loan_decision_signer_new RENAME TO loan_decision_signer;
CREATE TRIGGER loan_decision_signer_no_update BEFORE UPDATE ON loan_decision_signer
BEGIN SELECT RAISE(ABORT, 'loan history is append-only'); END;
CREATE TRIGGER loan_decision_signer_no_delete BEFORE DELETE ON loan_decision_signer
BEGIN SELECT RAISE(ABORT, 'loan history is append-only'); END;

CREATE INDEX loan_event_loan ON loan_event(loan_id, id);
CREATE INDEX loan_event_disbursed ON loan_event(loan_id, date, due_day) WHERE kind = 'disbursed';
CREATE INDEX loan_event_ended ON loan_event(date)
    WHERE kind IN ('paid_off', 'restructured', 'written_off');
CREATE INDEX loan_event_meeting ON loan_event(meeting_id) WHERE meeting_id IS NOT NULL;

CREATE TRIGGER loan_event_no_update BEFORE UPDATE ON loan_event
BEGIN SELECT RAISE(ABORT, 'loan history is append-only'); END;
CREATE TRIGGER loan_event_no_delete BEFORE DELETE ON loan_event
BEGIN SELECT RAISE(ABORT, 'loan history is append-only'); END;
CREATE TRIGGER loan_status_by_event BEFORE UPDATE OF status ON loan
WHEN NEW.status IS NOT (SELECT e.status FROM loan_event e WHERE e.loan_id = NEW.id ORDER BY e.id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'a loan changes status only through a recorded loan event'); END;
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

-- The end of a guarantor's obligation on a loan, written once with the event that records
-- it. The guarantors of a loan are its `loan_guarantor` rows without an end; a replacement
-- is a new `loan_guarantor` row.
CREATE TABLE loan_guarantor_end (
    loan_id     TEXT NOT NULL,
    member_id   TEXT NOT NULL,
    ended_on    TEXT NOT NULL,
    how         TEXT NOT NULL CHECK (how IN ('replaced', 'released')),
    replaced_by TEXT REFERENCES member(id),
    event_id    INTEGER NOT NULL REFERENCES loan_event(id),
    PRIMARY KEY (loan_id, member_id),
    FOREIGN KEY (loan_id, member_id) REFERENCES loan_guarantor(loan_id, member_id)
) WITHOUT ROWID;
CREATE TRIGGER loan_guarantor_end_no_update BEFORE UPDATE ON loan_guarantor_end
BEGIN SELECT RAISE(ABORT, 'the end of a guarantee is never changed'); END;
CREATE TRIGGER loan_guarantor_end_no_delete BEFORE DELETE ON loan_guarantor_end
BEGIN SELECT RAISE(ABORT, 'the end of a guarantee is never deleted'); END;
