-- Sajja books, schema 5: the group's governance — the committee register, meetings and their
-- minutes — and the link from a loan decision to the meeting that took it.

-- Who holds which seat on which committee, from a date to a date. Seats are never deleted:
-- the register is the history. The only change a seat allows is setting its end date once.
CREATE TABLE committee_seat (
    id          INTEGER PRIMARY KEY,
    committee   TEXT NOT NULL CHECK (committee IN ('executive', 'loans', 'audit', 'promotion')),
    member_id   TEXT NOT NULL REFERENCES member(id),
    position    TEXT NOT NULL CHECK (length(trim(position)) > 0),
    from_date   TEXT NOT NULL,
    to_date     TEXT CHECK (to_date IS NULL OR to_date >= from_date),
    meeting_id  TEXT REFERENCES meeting(id),         -- the meeting that elected or appointed
    recorded_at TEXT NOT NULL
);
CREATE INDEX committee_seat_on ON committee_seat(committee, from_date, to_date);
CREATE INDEX committee_seat_member ON committee_seat(member_id, from_date);
CREATE TRIGGER committee_seat_no_delete BEFORE DELETE ON committee_seat
BEGIN SELECT RAISE(ABORT, 'the committee register keeps its history: seats are never deleted'); END;
CREATE TRIGGER committee_seat_end_once BEFORE UPDATE ON committee_seat
WHEN OLD.to_date IS NOT NULL OR NEW.committee IS NOT OLD.committee
  OR NEW.member_id IS NOT OLD.member_id OR NEW.position IS NOT OLD.position
  OR NEW.from_date IS NOT OLD.from_date OR NEW.meeting_id IS NOT OLD.meeting_id
  OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, 'a seat only gets its end date, once'); END;

-- A meeting: numbered per พ.ศ. year (ครั้งที่ 3/2568, key '2568/03'), its minutes in the
-- rows below. Closed meetings have times and a recorder; once the next meeting certifies
-- the minutes (agenda 2) nothing of it changes again.
CREATE TABLE meeting (
    id           TEXT PRIMARY KEY,                   -- UUIDv7
    number       TEXT NOT NULL UNIQUE,               -- '2568/03'
    year         INTEGER NOT NULL,                   -- พ.ศ.
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    kind         TEXT NOT NULL CHECK (kind IN ('committee', 'monthly', 'annual', 'extraordinary')),
    date         TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    start_time   TEXT,                               -- 'HH:MM'
    end_time     TEXT,
    recorder_id  TEXT REFERENCES member(id),         -- ผู้จดรายงานการประชุม
    checker_id   TEXT REFERENCES member(id),         -- ผู้ตรวจรายงานการประชุม
    closed_at    TEXT,
    certified_by TEXT REFERENCES meeting(id),        -- the meeting whose agenda 2 certified it
    created_at   TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX meeting_date ON meeting(date, kind);
CREATE TRIGGER meeting_no_delete BEFORE DELETE ON meeting
BEGIN SELECT RAISE(ABORT, 'meetings are never deleted'); END;
CREATE TRIGGER meeting_certified_fixed BEFORE UPDATE ON meeting
WHEN OLD.certified_by IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;

-- Attendance: present, absent (with a reason) or present in place of a seat holder.
CREATE TABLE meeting_attendance (
    meeting_id      TEXT NOT NULL REFERENCES meeting(id),
    member_id       TEXT NOT NULL REFERENCES member(id),
    status          TEXT NOT NULL CHECK (status IN ('present', 'absent', 'substitute')),
    reason          TEXT NOT NULL DEFAULT '',
    substitute_for  TEXT REFERENCES member(id),
    PRIMARY KEY (meeting_id, member_id)
) WITHOUT ROWID;

-- People at the meeting who are not members of the body (the พัฒนากร, a bank officer …).
CREATE TABLE meeting_guest (
    id          INTEGER PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meeting(id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_guest_meeting ON meeting_guest(meeting_id, id);

-- The minutes: items under the five standard ระเบียบวาระ, each with its resolution.
CREATE TABLE meeting_item (
    id             INTEGER PRIMARY KEY,
    meeting_id     TEXT NOT NULL REFERENCES meeting(id),
    agenda         INTEGER NOT NULL CHECK (agenda BETWEEN 1 AND 5),
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body           TEXT NOT NULL DEFAULT '',
    resolution     TEXT NOT NULL DEFAULT '',
    votes_for      INTEGER CHECK (votes_for >= 0),
    votes_against  INTEGER CHECK (votes_against >= 0),
    votes_abstain  INTEGER CHECK (votes_abstain >= 0),
    source         TEXT NOT NULL DEFAULT ''          -- '' typed; 'books:…' offered from the books
);
CREATE INDEX meeting_item_meeting ON meeting_item(meeting_id, agenda, id);

-- Certified minutes are read-only: nothing of theirs is added, changed or removed.
CREATE TRIGGER meeting_attendance_certified_ins BEFORE INSERT ON meeting_attendance
WHEN (SELECT certified_by FROM meeting WHERE id = NEW.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;
CREATE TRIGGER meeting_attendance_certified_upd BEFORE UPDATE ON meeting_attendance
WHEN (SELECT certified_by FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;
CREATE TRIGGER meeting_attendance_certified_del BEFORE DELETE ON meeting_attendance
WHEN (SELECT certified_by FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;
CREATE TRIGGER meeting_guest_certified_ins BEFORE INSERT ON meeting_guest
WHEN (SELECT certified_by FROM meeting WHERE id = NEW.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;
CREATE TRIGGER meeting_guest_certified_upd BEFORE UPDATE ON meeting_guest
WHEN (SELECT certified_by FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;
CREATE TRIGGER meeting_guest_certified_del BEFORE DELETE ON meeting_guest
WHEN (SELECT certified_by FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;
CREATE TRIGGER meeting_item_certified_ins BEFORE INSERT ON meeting_item
WHEN (SELECT certified_by FROM meeting WHERE id = NEW.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;
CREATE TRIGGER meeting_item_certified_upd BEFORE UPDATE ON meeting_item
WHEN (SELECT certified_by FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;
CREATE TRIGGER meeting_item_certified_del BEFORE DELETE ON meeting_item
WHEN (SELECT certified_by FROM meeting WHERE id = OLD.meeting_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'certified minutes cannot be changed'); END;

-- A loan decision taken at a recorded meeting, and everyone who signed it (a group may
-- require more than one member of the loan committee).
ALTER TABLE loan_event ADD COLUMN meeting_id TEXT REFERENCES meeting(id);
CREATE INDEX loan_event_meeting ON loan_event(meeting_id) WHERE meeting_id IS NOT NULL;
CREATE TABLE loan_decision_signer (
    loan_id    TEXT NOT NULL REFERENCES loan(id),
    event_id   INTEGER NOT NULL REFERENCES loan_event(id),
    member_id  TEXT NOT NULL REFERENCES member(id),
    seat_id    INTEGER REFERENCES committee_seat(id),   -- NULL: no register kept yet
    PRIMARY KEY (event_id, member_id)
) WITHOUT ROWID;
CREATE TRIGGER loan_decision_signer_no_update BEFORE UPDATE ON loan_decision_signer
BEGIN SELECT RAISE(ABORT, 'loan history is append-only'); END;
CREATE TRIGGER loan_decision_signer_no_delete BEFORE DELETE ON loan_decision_signer
BEGIN SELECT RAISE(ABORT, 'loan history is append-only'); END;

-- A change of a rule decided at a meeting: the regulation prints it as an amendment.
ALTER TABLE setting ADD COLUMN meeting_id TEXT REFERENCES meeting(id);
