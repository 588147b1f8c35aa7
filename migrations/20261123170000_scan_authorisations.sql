-- Scan authorisations of a Kommune. A target is scanned only while an authorisation is on record:
-- declared (by the Kommune's ISB, a programme manager of its state or an admin; who is recorded)
-- for a domain with its subdomains, a host, an IP address or a CIDR range of at most 256
-- addresses, optionally limited to ports, for at most one year; or proven by a DNS TXT record
-- `bastei-verification=<token>` on a domain (a per-organisation-per-domain token, valid 30 days
-- after each successful check). Revoked rows stay; the audit log holds the history.

CREATE TABLE scan_authorisations (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id    uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  kind               text NOT NULL CHECK (kind IN ('domain', 'host', 'ip', 'cidr')),
  -- lower-case ASCII DNS name, canonical IP address text, or network/prefix
  target             text NOT NULL CHECK (length(target) BETWEEN 1 AND 253),
  -- NULL: every port
  ports              integer[] CHECK (
                       ports IS NULL
                       OR (cardinality(ports) BETWEEN 1 AND 100 AND 1 <= ALL (ports) AND 65535 >= ALL (ports))
                     ),
  note               text CHECK (length(note) <= 2000),
  granted_by         uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  granted_by_label   text NOT NULL,
  granted_by_role    text NOT NULL CHECK (granted_by_role IN ('isb', 'programme_manager', 'admin', 'system')),
  granted_at         timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL,
  revoked_at         timestamptz,
  revoked_by         uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  revoked_by_label   text,
  revocation_reason  text CHECK (length(revocation_reason) <= 2000),
  CHECK (expires_at > granted_at AND expires_at <= granted_at + interval '366 days'),
  CHECK ((revoked_at IS NULL) = (revoked_by_label IS NULL)),
  UNIQUE (id, organisation_id)
);
CREATE INDEX scan_authorisations_organisation_idx ON scan_authorisations (organisation_id, expires_at);

CREATE TABLE domain_verifications (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id     uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  domain              text NOT NULL CHECK (length(domain) BETWEEN 1 AND 253),
  token               text NOT NULL CHECK (length(token) BETWEEN 20 AND 100),
  requested_by        uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  requested_by_label  text NOT NULL,
  requested_at        timestamptz NOT NULL DEFAULT now(),
  -- the last successful check; valid_until = verified_at + 30 days, cleared when the record is gone
  verified_at         timestamptz,
  verified_by_label   text,
  valid_until         timestamptz,
  last_checked_at     timestamptz,
  last_check_result   text CHECK (last_check_result IN ('verified', 'missing', 'error')),
  last_check_detail   text CHECK (length(last_check_detail) <= 500),
  revoked_at          timestamptz,
  revoked_by          uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  revoked_by_label    text,
  CHECK (valid_until IS NULL OR verified_at IS NOT NULL),
  CHECK ((revoked_at IS NULL) = (revoked_by_label IS NULL)),
  UNIQUE (id, organisation_id)
);
-- One open token per organisation and domain; a revoked one may be followed by a new one.
CREATE UNIQUE INDEX domain_verifications_open_idx ON domain_verifications (organisation_id, domain)
  WHERE revoked_at IS NULL;
