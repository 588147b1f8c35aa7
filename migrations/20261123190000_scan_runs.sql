-- Scan runs of Bastei's built-in checks (src/domains/scans/checks) and their schedules. A run is
-- one target of one Kommune; the job queue (pg-boss, schema pgboss, created by the application)
-- carries only the run id, the row here is the truth. A run is refused, never started, when the
-- target's authorisation is missing or expired at the time it would start.

CREATE TABLE scan_schedules (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id     uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- five-field cron expression, evaluated in `timezone`
  cron                text NOT NULL CHECK (length(cron) BETWEEN 9 AND 100),
  timezone            text NOT NULL DEFAULT 'Europe/Berlin' CHECK (length(timezone) <= 64),
  -- [{ "url": … } | { "host": … } | { "domain": … }, …]
  targets             jsonb NOT NULL CHECK (jsonb_typeof(targets) = 'array' AND jsonb_array_length(targets) BETWEEN 1 AND 50),
  next_run_at         timestamptz NOT NULL,
  last_run_at         timestamptz,
  created_by          uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_by_label    text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, organisation_id)
);
CREATE INDEX scan_schedules_organisation_idx ON scan_schedules (organisation_id);
CREATE INDEX scan_schedules_due_idx ON scan_schedules (next_run_at);

CREATE TABLE scan_runs (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id     uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  -- { "url": … } | { "host": … } | { "domain": … } as requested
  target              jsonb NOT NULL CHECK (jsonb_typeof(target) = 'object'),
  -- lower-case host name or IP the checks contact first (per-host concurrency, authorisation)
  target_host         text NOT NULL CHECK (length(target_host) BETWEEN 1 AND 253),
  target_port         integer CHECK (target_port BETWEEN 1 AND 65535),
  -- requested check ids; NULL: every check that applies to the target
  checks              text[] CHECK (checks IS NULL OR cardinality(checks) BETWEEN 1 AND 50),
  label               text CHECK (length(label) <= 200),
  requested_by        uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  requested_by_label  text NOT NULL,
  schedule_id         uuid,
  state               text NOT NULL DEFAULT 'queued'
                      CHECK (state IN ('queued', 'running', 'done', 'failed', 'refused')),
  -- why a run was refused or failed (German, shown to the user)
  reason              text CHECK (length(reason) <= 2000),
  attempts            integer NOT NULL DEFAULT 0,
  queued_at           timestamptz NOT NULL DEFAULT now(),
  started_at          timestamptz,
  finished_at         timestamptz,
  -- counts by status and severity, findings handed to the findings store, duration
  summary             jsonb,
  -- the check results (CheckResult[] of checks/types.ts)
  results             jsonb,
  CHECK ((state IN ('queued', 'running')) = (finished_at IS NULL)),
  UNIQUE (id, organisation_id),
  FOREIGN KEY (schedule_id, organisation_id) REFERENCES scan_schedules (id, organisation_id)
    ON DELETE SET NULL (schedule_id) DEFERRABLE
);
CREATE INDEX scan_runs_organisation_idx ON scan_runs (organisation_id, queued_at DESC);
-- per-host concurrency and the global start rate look only at these
CREATE INDEX scan_runs_running_idx ON scan_runs (target_host) WHERE state = 'running';
CREATE INDEX scan_runs_started_idx ON scan_runs (started_at) WHERE started_at IS NOT NULL;
