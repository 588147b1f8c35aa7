-- Incident reports (Sicherheitsvorfallmeldungen) from a Kommune to its state's CERT.
--
-- incident_reports holds the current state of a report (= the latest submission) and the CERT
-- case (case_* columns, one case per report, opened with the first submission). Every
-- submission is an immutable version in incident_submissions with the full report as it was.
-- organisation_id is always the reporting Kommune: the policy scopes every row through it.
-- cert_organisation_id is the state CERT the report went to (TLP owner).
-- Deadline rules: see src/domains/incidents/deadlines.ts.
-- advisory_id in incident_advisory_links has no foreign key: the advisories table does not exist
-- yet (issue 6, advisories); add the key in a later migration once it does.

CREATE TABLE incident_reports (
  id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id             uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  cert_organisation_id        uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  -- Human reference, unique per CERT and year, e.g. VF-2026-0007.
  reference                   text NOT NULL CHECK (length(reference) BETWEEN 1 AND 40),
  -- The full report as last submitted (see schemas.ts ReportBody); searchable columns below.
  report                      jsonb NOT NULL CHECK (jsonb_typeof(report) = 'object'),
  title                       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  category                    text NOT NULL,
  tlp                         text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  pap                         text NOT NULL CHECK (pap IN ('CLEAR', 'GREEN', 'AMBER', 'RED')),
  -- TLP:RED: the only people who may read the report.
  named_recipient_user_ids    uuid[] NOT NULL DEFAULT '{}',
  started_at                  timestamptz,
  detected_at                 timestamptz NOT NULL,
  aware_at                    timestamptz NOT NULL,
  personal_data               boolean NOT NULL,
  latest_version              integer NOT NULL CHECK (latest_version >= 1),
  early_warning_submitted_at  timestamptz,
  notification_submitted_at   timestamptz,
  final_submitted_at          timestamptz,
  -- One calendar month after the notification in Europe/Berlin, fixed when the notification
  -- arrives (computed in deadlines.ts so the rule has one implementation).
  final_due_at                timestamptz,
  case_status                 text NOT NULL DEFAULT 'new'
    CHECK (case_status IN ('new', 'in_progress', 'closed_true_positive', 'closed_false_positive')),
  case_assignee_user_id       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  -- Set by the CERT when it asks for an intermediate report; a new request starts a new round.
  intermediate_requested_at   timestamptz,
  intermediate_due_at         timestamptz,
  intermediate_submitted_at   timestamptz,
  case_closed_at              timestamptz,
  created_by                  uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  CHECK (started_at IS NULL OR started_at <= detected_at),
  CHECK (detected_at <= aware_at),
  CHECK ((intermediate_requested_at IS NULL) = (intermediate_due_at IS NULL)),
  CHECK ((notification_submitted_at IS NULL) = (final_due_at IS NULL)),
  CHECK ((case_status LIKE 'closed_%') = (case_closed_at IS NOT NULL)),
  UNIQUE (cert_organisation_id, reference),
  UNIQUE (id, organisation_id)
);
CREATE INDEX incident_reports_organisation_idx ON incident_reports (organisation_id, created_at DESC);
CREATE INDEX incident_reports_cert_idx ON incident_reports (cert_organisation_id, case_status);

CREATE TABLE incident_submissions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id    uuid NOT NULL,
  incident_id        uuid NOT NULL,
  version            integer NOT NULL CHECK (version >= 1),
  kind               text NOT NULL CHECK (kind IN ('early_warning', 'notification', 'intermediate', 'final')),
  report             jsonb NOT NULL CHECK (jsonb_typeof(report) = 'object'),
  tlp                text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  submitted_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  submitted_by_label text NOT NULL,
  submitted_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (incident_id, version),
  FOREIGN KEY (incident_id, organisation_id) REFERENCES incident_reports (id, organisation_id) DEFERRABLE
);

CREATE TABLE incident_case_tasks (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL,
  incident_id      uuid NOT NULL,
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  done             boolean NOT NULL DEFAULT false,
  done_at          timestamptz,
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (done = (done_at IS NOT NULL)),
  FOREIGN KEY (incident_id, organisation_id) REFERENCES incident_reports (id, organisation_id) DEFERRABLE
);
CREATE INDEX incident_case_tasks_incident_idx ON incident_case_tasks (incident_id, created_at);

-- Internal to the CERT: never shown to the Kommune.
CREATE TABLE incident_case_notes (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL,
  incident_id      uuid NOT NULL,
  text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  author_user_id   uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  author_label     text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (incident_id, organisation_id) REFERENCES incident_reports (id, organisation_id) DEFERRABLE
);
CREATE INDEX incident_case_notes_incident_idx ON incident_case_notes (incident_id, created_at);

CREATE TABLE incident_advisory_links (
  organisation_id  uuid NOT NULL,
  incident_id      uuid NOT NULL,
  advisory_id      uuid NOT NULL,
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, advisory_id),
  FOREIGN KEY (incident_id, organisation_id) REFERENCES incident_reports (id, organisation_id) DEFERRABLE
);

-- Requests for information from the CERT to the Kommune; the Kommune answers with text.
CREATE TABLE incident_info_requests (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL,
  incident_id      uuid NOT NULL,
  question         text NOT NULL CHECK (length(question) BETWEEN 1 AND 5000),
  due_at           timestamptz NOT NULL,
  requested_by     uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  requested_by_label text NOT NULL,
  requested_at     timestamptz NOT NULL DEFAULT now(),
  answer           text CHECK (length(answer) BETWEEN 1 AND 20000),
  answered_by      uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  answered_by_label text,
  answered_at      timestamptz,
  CHECK ((answer IS NULL) = (answered_at IS NULL)),
  FOREIGN KEY (incident_id, organisation_id) REFERENCES incident_reports (id, organisation_id) DEFERRABLE
);
CREATE INDEX incident_info_requests_incident_idx ON incident_info_requests (incident_id, requested_at);

-- Submitted versions and CERT notes are records: never changed, never removed.
CREATE FUNCTION incident_record_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER incident_submissions_immutable BEFORE UPDATE OR DELETE ON incident_submissions
  FOR EACH ROW EXECUTE FUNCTION incident_record_is_immutable();
CREATE TRIGGER incident_case_notes_immutable BEFORE UPDATE OR DELETE ON incident_case_notes
  FOR EACH ROW EXECUTE FUNCTION incident_record_is_immutable();
