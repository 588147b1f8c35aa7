-- Assessments: a Kommune's answers to a catalog (whole or a subset), in phases
-- (self → on_site → re_assessment), each with the lifecycle draft → submitted → verified → frozen.
-- Every tenant row carries organisation_id (the Kommune); child rows repeat it and a composite
-- foreign key keeps it equal to the assessment's. Foreign keys are DEFERRABLE (restore in one
-- transaction). A frozen assessment and its answers cannot be changed or deleted (triggers below);
-- further change happens only in a new phase (predecessor_id).

CREATE TABLE assessments (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id    uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  catalog_id         uuid NOT NULL REFERENCES catalogs (id) DEFERRABLE,
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- null: the whole catalog. Else how the subset was chosen, e.g. {"kind":"level","level":"basis"}
  -- or {"kind":"requirements","requirementKeys":[…]}; the chosen requirements are the answer rows.
  subset             jsonb,
  phase              text NOT NULL CHECK (phase IN ('self', 'on_site', 're_assessment')),
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'verified', 'frozen')),
  predecessor_id     uuid UNIQUE REFERENCES assessments (id) DEFERRABLE,
  requirement_count  integer NOT NULL CHECK (requirement_count >= 0),
  created_by         uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  submitted_at       timestamptz,
  submitted_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  verified_at        timestamptz,
  verified_by        uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  frozen_at          timestamptz,
  frozen_by          uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  -- The frozen copy of all answers, samples, evidence metadata and scores, and its sha256 over
  -- the canonical JSON (RFC 8785), also written to the audit log at freezing.
  snapshot           jsonb,
  snapshot_sha256    text CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  CHECK ((status = 'frozen') = (snapshot IS NOT NULL AND snapshot_sha256 IS NOT NULL AND frozen_at IS NOT NULL)),
  CHECK (status = 'draft' OR submitted_at IS NOT NULL),
  CHECK (status NOT IN ('verified', 'frozen') OR verified_at IS NOT NULL),
  -- Target of the composite foreign keys below (child rows belong to the same Kommune).
  UNIQUE (id, organisation_id)
);
CREATE INDEX assessments_organisation_idx ON assessments (organisation_id, created_at DESC);
CREATE INDEX assessments_catalog_idx ON assessments (catalog_id);
CREATE INDEX assessments_status_idx ON assessments (status);

-- One row per requirement in the assessment's scope, created with the assessment (status 'open').
CREATE TABLE assessment_answers (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  assessment_id    uuid NOT NULL,
  requirement_id   uuid NOT NULL REFERENCES catalog_requirements (id) DEFERRABLE,
  -- The requirement's top-level group (topic), denormalised for per-topic progress and scores.
  topic_id         uuid REFERENCES catalog_groups (id) DEFERRABLE,
  -- The requirement's document order in its catalog.
  ordinal          integer NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('yes', 'partial', 'no', 'not_applicable', 'open')),
  justification    text CHECK (length(justification) <= 10000),
  -- Who carries the requirement out, e.g. "IT-Dienstleister".
  responsible      text CHECK (length(responsible) <= 200),
  answered_by      uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  answered_at      timestamptz,
  -- The auditor's override; the effective answer is coalesce(auditor_status, status).
  auditor_status   text CHECK (auditor_status IN ('yes', 'partial', 'no', 'not_applicable', 'open')),
  auditor_note     text CHECK (length(auditor_note) <= 10000),
  overridden_by    uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  overridden_at    timestamptz,
  CHECK ((auditor_status IS NULL) = (auditor_note IS NULL)),
  UNIQUE (assessment_id, requirement_id),
  FOREIGN KEY (assessment_id, organisation_id) REFERENCES assessments (id, organisation_id) DEFERRABLE
);
CREATE INDEX assessment_answers_assessment_idx ON assessment_answers (assessment_id, ordinal);
CREATE INDEX assessment_answers_organisation_idx ON assessment_answers (organisation_id);
-- No index on requirement_id alone: without statistics (PGlite never analyzes) the planner would
-- pick it for "this answer of this assessment" and filter thousands of rows at national scale;
-- the unique (assessment_id, requirement_id) index serves every lookup.

-- Every change of an answer or an override: who, when, the previous and the new value.
CREATE TABLE assessment_answer_history (
  id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  assessment_id    uuid NOT NULL,
  requirement_id   uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('answer', 'override')),
  previous         jsonb,
  next             jsonb NOT NULL,
  changed_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  changed_by_label text NOT NULL,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (assessment_id, organisation_id) REFERENCES assessments (id, organisation_id) DEFERRABLE,
  FOREIGN KEY (assessment_id, requirement_id) REFERENCES assessment_answers (assessment_id, requirement_id) DEFERRABLE
);
CREATE INDEX assessment_answer_history_answer_idx ON assessment_answer_history (assessment_id, requirement_id, id);

-- Evidence files: the bytes live content-addressed in the files folder (name = sha256), the row
-- says which answer they support. The same file may back several answers and assessments.
CREATE TABLE assessment_evidence (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  assessment_id    uuid NOT NULL,
  requirement_id   uuid NOT NULL,
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size             bigint NOT NULL CHECK (size > 0),
  media_type       text NOT NULL,
  original_name    text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
  uploaded_by      uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  uploaded_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (assessment_id, requirement_id, sha256),
  FOREIGN KEY (assessment_id, organisation_id) REFERENCES assessments (id, organisation_id) DEFERRABLE,
  -- Evidence only for requirements in the assessment's scope.
  FOREIGN KEY (assessment_id, requirement_id) REFERENCES assessment_answers (assessment_id, requirement_id) DEFERRABLE
);
CREATE INDEX assessment_evidence_assessment_idx ON assessment_evidence (assessment_id, requirement_id);
CREATE INDEX assessment_evidence_sha256_idx ON assessment_evidence (sha256);

-- Technical samples the auditor records on site ("Stichprobe: Firewall-Regelwerk eingesehen").
CREATE TABLE assessment_samples (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  assessment_id    uuid NOT NULL,
  requirement_id   uuid NOT NULL,
  description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
  result           text NOT NULL CHECK (result IN ('passed', 'failed', 'inconclusive')),
  recorded_by      uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (assessment_id, organisation_id) REFERENCES assessments (id, organisation_id) DEFERRABLE,
  FOREIGN KEY (assessment_id, requirement_id) REFERENCES assessment_answers (assessment_id, requirement_id) DEFERRABLE
);
CREATE INDEX assessment_samples_assessment_idx ON assessment_samples (assessment_id, recorded_at);

-- Immutability in the database, behind the service's checks: a frozen assessment and everything
-- hanging off it is read-only; the history is append-only. Inserts stay possible (a restore loads
-- frozen assessments with their rows).
CREATE FUNCTION assessment_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
BEGIN
  IF TG_TABLE_NAME = 'assessments' THEN
    IF OLD.status = 'frozen' THEN
      RAISE EXCEPTION 'assessment % is frozen', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  target := OLD.assessment_id;
  IF EXISTS (SELECT 1 FROM assessments WHERE id = target AND status = 'frozen') THEN
    RAISE EXCEPTION 'assessment % is frozen', target USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER assessments_frozen_guard BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION assessment_frozen_guard();
CREATE TRIGGER assessment_answers_frozen_guard BEFORE UPDATE OR DELETE ON assessment_answers
  FOR EACH ROW EXECUTE FUNCTION assessment_frozen_guard();
CREATE TRIGGER assessment_evidence_frozen_guard BEFORE UPDATE OR DELETE ON assessment_evidence
  FOR EACH ROW EXECUTE FUNCTION assessment_frozen_guard();
CREATE TRIGGER assessment_samples_frozen_guard BEFORE UPDATE OR DELETE ON assessment_samples
  FOR EACH ROW EXECUTE FUNCTION assessment_frozen_guard();

CREATE FUNCTION assessment_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'assessment_answer_history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER assessment_answer_history_append_only BEFORE UPDATE OR DELETE ON assessment_answer_history
  FOR EACH ROW EXECUTE FUNCTION assessment_history_is_append_only();
