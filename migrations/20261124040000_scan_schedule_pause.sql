-- A schedule can be paused (e.g. while a server is being replaced) without losing it.
ALTER TABLE scan_schedules ADD COLUMN paused_at timestamptz;
ALTER TABLE scan_schedules ADD COLUMN paused_by_label text;
