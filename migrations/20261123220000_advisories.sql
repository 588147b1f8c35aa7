-- Advisories (CSAF 2.0) imported by a state CERT, their matches against the Kommunen's installed
-- products, the CERT's alias table, warnings to Kommunen with acknowledgements and statements,
-- the append-only distribution log and the notification outbox. FKs DEFERRABLE like everywhere.
--
-- TLP: every labelled row carries its label and the context tlp.ts decides on (owner organisation,
-- owner state, organisations it was passed on to, named individual recipients), so lists can
-- filter in SQL exactly as platform/tlp/tlp.ts decides.

CREATE TABLE advisories (
  id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the importing CERT (the TLP "recipient" owning the document)
  organisation_id               uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  owner_state_id                uuid REFERENCES organisations (id) DEFERRABLE,
  -- publisher namespace (without trailing slash) + '#' + tracking id: revisions share it
  document_key                  text NOT NULL CHECK (length(document_key) <= 1200),
  publisher_namespace           text NOT NULL,
  publisher_name                text NOT NULL,
  tracking_id                   text NOT NULL,
  version                       text NOT NULL,
  tracking_status               text NOT NULL CHECK (tracking_status IN ('draft', 'interim', 'final')),
  initial_release_date          timestamptz,
  current_release_date          timestamptz,
  category                      text NOT NULL,
  title                         text NOT NULL,
  language                      text,
  tlp_label                     text NOT NULL CHECK (tlp_label IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  tlp_source                    text NOT NULL CHECK (tlp_source IN ('document', 'distribution-text', 'default')),
  csaf_tlp_label                text,
  cves                          text[] NOT NULL DEFAULT '{}',
  max_base_score                double precision,
  revision_history              jsonb NOT NULL DEFAULT '[]',
  validation_warnings           jsonb NOT NULL DEFAULT '[]',
  -- the document exactly as received, and its hashes
  content                       bytea NOT NULL,
  size                          integer NOT NULL,
  sha512                        text NOT NULL CHECK (sha512 ~ '^[0-9a-f]{128}$'),
  sha256                        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- the highest revision of its document_key (compareCsafRevisions) within the owner
  is_current                    boolean NOT NULL,
  shared_with_organisation_ids  uuid[] NOT NULL DEFAULT '{}',
  named_recipient_user_ids      uuid[] NOT NULL DEFAULT '{}',
  imported_by                   uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  imported_by_label             text NOT NULL,
  imported_at                   timestamptz NOT NULL DEFAULT now(),
  matched_at                    timestamptz,
  UNIQUE (organisation_id, sha512)
);
CREATE UNIQUE INDEX advisories_one_current_idx ON advisories (organisation_id, document_key) WHERE is_current;
CREATE INDEX advisories_key_idx ON advisories (organisation_id, document_key, imported_at);
CREATE INDEX advisories_list_idx ON advisories (organisation_id, is_current, current_release_date DESC);

-- The CERT-curated alias table (matching/aliases.ts): spellings that denote one product.
CREATE TABLE advisory_aliases (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  alias_key        text NOT NULL CHECK (length(alias_key) BETWEEN 1 AND 200),
  label            text CHECK (length(label) <= 200),
  cpes             text[] NOT NULL DEFAULT '{}',
  purls            text[] NOT NULL DEFAULT '{}',
  names            text[] NOT NULL DEFAULT '{}',
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, alias_key)
);

-- Matches of a current advisory revision against one Kommune's installed products
-- (suppressed ones are not stored). Replaced when a newer revision arrives or on re-matching.
CREATE TABLE advisory_matches (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  advisory_id           uuid NOT NULL REFERENCES advisories (id) ON DELETE CASCADE DEFERRABLE,
  -- the Kommune owning the installed product
  organisation_id       uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  installed_product_id  uuid NOT NULL,
  product_id            text NOT NULL,
  class                 text NOT NULL CHECK (class IN ('confirmed', 'probable', 'review')),
  basis                 text NOT NULL CHECK (basis IN ('cpe', 'purl', 'alias', 'name', 'platform')),
  reasons               text[] NOT NULL DEFAULT '{}',
  installed_version     text,
  advisory_version      text,
  cves                  text[] NOT NULL DEFAULT '{}',
  max_base_score        double precision,
  -- the CERT's decision on a match in class review
  review_decision       text CHECK (review_decision IN ('confirmed', 'dismissed')),
  review_note           text CHECK (length(review_note) <= 2000),
  reviewed_by           uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  reviewed_at           timestamptz,
  matched_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((review_decision IS NULL) = (reviewed_at IS NULL)),
  UNIQUE (advisory_id, installed_product_id, product_id),
  FOREIGN KEY (installed_product_id, organisation_id) REFERENCES installed_products (id, organisation_id) ON DELETE CASCADE DEFERRABLE
);
CREATE INDEX advisory_matches_organisation_idx ON advisory_matches (organisation_id, advisory_id);
CREATE INDEX advisory_matches_review_idx ON advisory_matches (advisory_id) WHERE class = 'review' AND review_decision IS NULL;

-- A warning: the CERT passes an advisory on to Kommunen.
CREATE TABLE warnings (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the publishing CERT
  organisation_id           uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  owner_state_id            uuid REFERENCES organisations (id) DEFERRABLE,
  advisory_id               uuid NOT NULL REFERENCES advisories (id) DEFERRABLE,
  document_key              text NOT NULL,
  title                     text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  message                   text CHECK (length(message) <= 10000),
  tlp_label                 text NOT NULL CHECK (tlp_label IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  audience                  jsonb NOT NULL,
  recipient_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  named_recipient_user_ids  uuid[] NOT NULL DEFAULT '{}',
  published_by              uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  published_by_label        text NOT NULL,
  published_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (tlp_label <> 'RED' OR cardinality(named_recipient_user_ids) > 0)
);
CREATE INDEX warnings_owner_idx ON warnings (organisation_id, published_at DESC);
CREATE INDEX warnings_advisory_idx ON warnings (advisory_id);

-- One addressed Kommune of a warning: acknowledgement and the Kommune's statement.
CREATE TABLE warning_recipients (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  warning_id        uuid NOT NULL REFERENCES warnings (id) ON DELETE CASCADE DEFERRABLE,
  organisation_id   uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  acknowledged_at   timestamptz,
  acknowledged_by   uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  status            text CHECK (status IN ('affected', 'not_affected', 'mitigated')),
  note              text CHECK (length(note) <= 5000),
  responded_at      timestamptz,
  responded_by      uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  revision          integer NOT NULL DEFAULT 0,
  UNIQUE (warning_id, organisation_id),
  CHECK ((status IS NULL) = (responded_at IS NULL))
);
CREATE INDEX warning_recipients_organisation_idx ON warning_recipients (organisation_id, warning_id);

-- Every statement a Kommune made on a warning (the VEX revision history), append-only.
CREATE TABLE warning_responses (
  id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  warning_id       uuid NOT NULL REFERENCES warnings (id) ON DELETE CASCADE DEFERRABLE,
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  revision         integer NOT NULL,
  status           text NOT NULL CHECK (status IN ('affected', 'not_affected', 'mitigated')),
  note             text,
  responded_by     uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  responded_by_label text NOT NULL,
  responded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (warning_id, organisation_id, revision)
);

-- Who received what under which label and when: one row per hand-over (platform, e-mail,
-- webhook). Append-only.
CREATE TABLE warning_distribution_log (
  id               bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  warning_id       uuid NOT NULL REFERENCES warnings (id) DEFERRABLE,
  advisory_id      uuid NOT NULL REFERENCES advisories (id) DEFERRABLE,
  -- the publishing CERT
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  -- the receiving Kommune (null for a webhook that receives the whole warning)
  organisation_id  uuid REFERENCES organisations (id) DEFERRABLE,
  user_id          uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  channel          text NOT NULL CHECK (channel IN ('platform', 'email', 'webhook')),
  recipient        text NOT NULL,
  tlp_label        text NOT NULL,
  basis            text NOT NULL,
  event            text NOT NULL CHECK (event IN ('published', 'delivered', 'failed')),
  detail           text,
  occurred_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX warning_distribution_log_warning_idx ON warning_distribution_log (warning_id, id);

CREATE FUNCTION advisory_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER warning_distribution_log_append_only BEFORE UPDATE OR DELETE ON warning_distribution_log
  FOR EACH ROW EXECUTE FUNCTION advisory_log_is_append_only();
CREATE TRIGGER warning_responses_append_only BEFORE UPDATE ON warning_responses
  FOR EACH ROW EXECUTE FUNCTION advisory_log_is_append_only();

-- Outbox of notifications (e-mail, webhook) written with the warning in one transaction and sent
-- after commit, with retries; the outcome goes to the distribution log.
CREATE TABLE warning_notifications (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  warning_id       uuid NOT NULL REFERENCES warnings (id) ON DELETE CASCADE DEFERRABLE,
  organisation_id  uuid REFERENCES organisations (id) DEFERRABLE,
  user_id          uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  channel          text NOT NULL CHECK (channel IN ('email', 'webhook')),
  target           text NOT NULL,
  basis            text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz
);
CREATE INDEX warning_notifications_pending_idx ON warning_notifications (created_at) WHERE status = 'pending';
