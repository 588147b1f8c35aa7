-- Overview at state and national scale: effective-answer counts per assessment and topic, kept
-- by triggers on assessment_answers so every writer (API, bulk demo seed, bench-data, restore,
-- next-phase copy) keeps them right without knowing about them. The overview then reads about
-- 20 rows per Kommune instead of 257.
--
-- Counts follow scores.ts: the effective answer is coalesce(auditor_status, status); `answered`
-- counts the Kommune's own answers other than open (progress), `total` all rows.
--
-- Derived data, deliberately without a primary key: backup/restore (src/platform/backup) copies
-- only tables with one, so a restore does not load these rows but rebuilds them through the
-- insert trigger as the answers come back. Loading them as well would count everything twice.
CREATE TABLE assessment_topic_counts (
  assessment_id    uuid NOT NULL,
  organisation_id  uuid NOT NULL,
  topic_id         uuid,
  yes              integer NOT NULL,
  partial          integer NOT NULL,
  no               integer NOT NULL,
  not_applicable   integer NOT NULL,
  open             integer NOT NULL,
  answered         integer NOT NULL,
  total            integer NOT NULL,
  -- Requirements outside any group share one row (topic_id null).
  CONSTRAINT assessment_topic_counts_key UNIQUE NULLS NOT DISTINCT (assessment_id, topic_id),
  FOREIGN KEY (assessment_id, organisation_id) REFERENCES assessments (id, organisation_id)
    ON DELETE CASCADE DEFERRABLE
)
-- Room on each page, so that the update of a saved answer stays on the page (HOT) and an
-- assessment's rows stay together: the overview reads them per assessment.
WITH (fillfactor = 70);

-- Bulk inserts (new assessment: one statement of 257 rows; seeds; restore batches): one grouped
-- upsert per statement.
CREATE FUNCTION assessment_topic_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO assessment_topic_counts AS c
    (assessment_id, organisation_id, topic_id, yes, partial, no, not_applicable, open, answered, total)
  SELECT n.assessment_id, n.organisation_id, n.topic_id,
         count(*) FILTER (WHERE coalesce(n.auditor_status, n.status) = 'yes'),
         count(*) FILTER (WHERE coalesce(n.auditor_status, n.status) = 'partial'),
         count(*) FILTER (WHERE coalesce(n.auditor_status, n.status) = 'no'),
         count(*) FILTER (WHERE coalesce(n.auditor_status, n.status) = 'not_applicable'),
         count(*) FILTER (WHERE coalesce(n.auditor_status, n.status) = 'open'),
         count(*) FILTER (WHERE n.status <> 'open'),
         count(*)
    FROM added_answers n
   GROUP BY n.assessment_id, n.organisation_id, n.topic_id
   -- An assessment's rows side by side on few pages (bulk seeds insert thousands at once).
   ORDER BY n.assessment_id, n.topic_id
  ON CONFLICT ON CONSTRAINT assessment_topic_counts_key DO UPDATE SET
    yes = c.yes + excluded.yes,
    partial = c.partial + excluded.partial,
    no = c.no + excluded.no,
    not_applicable = c.not_applicable + excluded.not_applicable,
    open = c.open + excluded.open,
    answered = c.answered + excluded.answered,
    total = c.total + excluded.total;
  RETURN NULL;
END;
$$;
CREATE TRIGGER assessment_answers_counts_insert AFTER INSERT ON assessment_answers
  REFERENCING NEW TABLE AS added_answers
  FOR EACH STATEMENT EXECUTE FUNCTION assessment_topic_counts_add();

-- Deletes (a draft assessment removed with its answers). An update, not an upsert: when the
-- assessment went first, its counts went with it (cascade) and nothing may come back.
CREATE FUNCTION assessment_topic_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assessment_topic_counts c SET
    yes = c.yes - d.yes,
    partial = c.partial - d.partial,
    no = c.no - d.no,
    not_applicable = c.not_applicable - d.not_applicable,
    open = c.open - d.open,
    answered = c.answered - d.answered,
    total = c.total - d.total
    FROM (
      SELECT o.assessment_id, o.topic_id,
             count(*) FILTER (WHERE coalesce(o.auditor_status, o.status) = 'yes') AS yes,
             count(*) FILTER (WHERE coalesce(o.auditor_status, o.status) = 'partial') AS partial,
             count(*) FILTER (WHERE coalesce(o.auditor_status, o.status) = 'no') AS no,
             count(*) FILTER (WHERE coalesce(o.auditor_status, o.status) = 'not_applicable') AS not_applicable,
             count(*) FILTER (WHERE coalesce(o.auditor_status, o.status) = 'open') AS open,
             count(*) FILTER (WHERE o.status <> 'open') AS answered,
             count(*) AS total
        FROM removed_answers o
       GROUP BY o.assessment_id, o.topic_id
    ) d
   WHERE c.assessment_id = d.assessment_id AND c.topic_id IS NOT DISTINCT FROM d.topic_id;
  DELETE FROM assessment_topic_counts c
   WHERE c.total <= 0 AND c.assessment_id IN (SELECT assessment_id FROM removed_answers);
  RETURN NULL;
END;
$$;
CREATE TRIGGER assessment_answers_counts_delete AFTER DELETE ON assessment_answers
  REFERENCING OLD TABLE AS removed_answers
  FOR EACH STATEMENT EXECUTE FUNCTION assessment_topic_counts_remove();

-- Updates: row level, because saving one answer is the hot path (one indexed update, and only
-- when the counted values change: the WHEN clause skips justification-only saves entirely).
CREATE FUNCTION assessment_topic_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was text := coalesce(OLD.auditor_status, OLD.status);
  now_ text := coalesce(NEW.auditor_status, NEW.status);
BEGIN
  IF OLD.assessment_id = NEW.assessment_id AND OLD.topic_id IS NOT DISTINCT FROM NEW.topic_id THEN
    UPDATE assessment_topic_counts SET
      yes = yes + (now_ = 'yes')::int - (was = 'yes')::int,
      partial = partial + (now_ = 'partial')::int - (was = 'partial')::int,
      no = no + (now_ = 'no')::int - (was = 'no')::int,
      not_applicable = not_applicable + (now_ = 'not_applicable')::int - (was = 'not_applicable')::int,
      open = open + (now_ = 'open')::int - (was = 'open')::int,
      answered = answered + (NEW.status <> 'open')::int - (OLD.status <> 'open')::int
     WHERE assessment_id = NEW.assessment_id AND topic_id IS NOT DISTINCT FROM NEW.topic_id;
    RETURN NULL;
  END IF;
  -- The row moved to another assessment or topic (nothing in the application does this).
  UPDATE assessment_topic_counts SET
    yes = yes - (was = 'yes')::int,
    partial = partial - (was = 'partial')::int,
    no = no - (was = 'no')::int,
    not_applicable = not_applicable - (was = 'not_applicable')::int,
    open = open - (was = 'open')::int,
    answered = answered - (OLD.status <> 'open')::int,
    total = total - 1
   WHERE assessment_id = OLD.assessment_id AND topic_id IS NOT DISTINCT FROM OLD.topic_id;
  DELETE FROM assessment_topic_counts
   WHERE assessment_id = OLD.assessment_id AND topic_id IS NOT DISTINCT FROM OLD.topic_id AND total <= 0;
  INSERT INTO assessment_topic_counts AS c
    (assessment_id, organisation_id, topic_id, yes, partial, no, not_applicable, open, answered, total)
  VALUES (NEW.assessment_id, NEW.organisation_id, NEW.topic_id, (now_ = 'yes')::int, (now_ = 'partial')::int,
          (now_ = 'no')::int, (now_ = 'not_applicable')::int, (now_ = 'open')::int, (NEW.status <> 'open')::int, 1)
  ON CONFLICT ON CONSTRAINT assessment_topic_counts_key DO UPDATE SET
    yes = c.yes + excluded.yes,
    partial = c.partial + excluded.partial,
    no = c.no + excluded.no,
    not_applicable = c.not_applicable + excluded.not_applicable,
    open = c.open + excluded.open,
    answered = c.answered + excluded.answered,
    total = c.total + excluded.total;
  RETURN NULL;
END;
$$;
CREATE TRIGGER assessment_answers_counts_update AFTER UPDATE ON assessment_answers
  FOR EACH ROW
  WHEN ((OLD.status, OLD.auditor_status, OLD.topic_id, OLD.assessment_id)
        IS DISTINCT FROM (NEW.status, NEW.auditor_status, NEW.topic_id, NEW.assessment_id))
  EXECUTE FUNCTION assessment_topic_counts_move();

-- Whatever is there already.
INSERT INTO assessment_topic_counts
  (assessment_id, organisation_id, topic_id, yes, partial, no, not_applicable, open, answered, total)
SELECT a.assessment_id, a.organisation_id, a.topic_id,
       count(*) FILTER (WHERE coalesce(a.auditor_status, a.status) = 'yes'),
       count(*) FILTER (WHERE coalesce(a.auditor_status, a.status) = 'partial'),
       count(*) FILTER (WHERE coalesce(a.auditor_status, a.status) = 'no'),
       count(*) FILTER (WHERE coalesce(a.auditor_status, a.status) = 'not_applicable'),
       count(*) FILTER (WHERE coalesce(a.auditor_status, a.status) = 'open'),
       count(*) FILTER (WHERE a.status <> 'open'),
       count(*)
  FROM assessment_answers a
 GROUP BY a.assessment_id, a.organisation_id, a.topic_id
 ORDER BY a.assessment_id, a.topic_id;

-- "Latest assessment of this catalog for this Kommune" as one index probe.
CREATE INDEX assessments_latest_idx ON assessments (organisation_id, catalog_id, created_at DESC, id DESC);
