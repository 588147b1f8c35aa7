-- CSAF providers a CERT polls (provider-metadata.json URLs), and what each poll did with every
-- advisory it saw: a document whose `updated` value is unchanged is not fetched again; a rejected
-- one (wrong hash, bad signature, invalid CSAF) keeps its reason for the CERT to read.

CREATE TABLE advisory_feed_providers (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the CERT that polls it and owns the advisories it yields
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  url              text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  enabled          boolean NOT NULL DEFAULT true,
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_polled_at   timestamptz,
  last_report      jsonb,
  UNIQUE (organisation_id, url)
);

CREATE TABLE advisory_feed_entries (
  provider_id   uuid NOT NULL REFERENCES advisory_feed_providers (id) ON DELETE CASCADE DEFERRABLE,
  document_url  text NOT NULL,
  updated       text,
  outcome       text NOT NULL CHECK (outcome IN ('imported', 'unchanged', 'rejected')),
  detail        text,
  advisory_id   uuid,
  handled_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, document_url)
);
