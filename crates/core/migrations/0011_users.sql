-- Users at the keyboard: each bound to a member, with a role and an argon2 hash of their PIN.
-- A group with no users keeps working as before (no PIN asked); once it has one, every write
-- names who did it, and reversals, write-offs, loan approvals, month and year close and
-- settings need a second person's PIN (maker-checker).
CREATE TABLE app_user (
    member_number  INTEGER PRIMARY KEY REFERENCES member(number),
    role           TEXT NOT NULL CHECK (role IN ('treasurer', 'chair', 'audit', 'clerk', 'viewer')),
    pin_hash       TEXT NOT NULL,
    added_at       TEXT NOT NULL
);
CREATE TRIGGER app_user_no_delete BEFORE DELETE ON app_user
BEGIN SELECT RAISE(ABORT, 'users are never deleted'); END;
