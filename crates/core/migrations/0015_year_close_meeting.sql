-- Sajja books, schema 15: a closed year names the general meeting that approved it.
--
-- The annual (or an extraordinary) general meeting approves the year's statements and the
-- allocation of its net profit; the close records that meeting beside the year's record, so
-- the year-end shows which meeting approved it and the meeting's minutes list the approval
-- with its figures. Years closed before (or closed with only the meeting's date) have no row.
-- Kept like the closed year itself: never changed, never deleted.
CREATE TABLE year_close_meeting (
    year_be     INTEGER PRIMARY KEY REFERENCES year_close(year_be),
    meeting_id  TEXT NOT NULL REFERENCES meeting(id)
);
CREATE INDEX year_close_meeting_by_meeting ON year_close_meeting(meeting_id);
CREATE TRIGGER year_close_meeting_no_update BEFORE UPDATE ON year_close_meeting
BEGIN SELECT RAISE(ABORT, 'a closed year stays closed'); END;
CREATE TRIGGER year_close_meeting_no_delete BEFORE DELETE ON year_close_meeting
BEGIN SELECT RAISE(ABORT, 'a closed year stays closed'); END;
