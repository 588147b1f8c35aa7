-- Scan findings of a Kommune: every imported scanner report and every scan run is one row of
-- scan_imports (with what it covered); findings are deduplicated per (organisation, asset, key)
-- where the asset is the scanned host or host+port service of the inventory and the key is
-- source + check id (+ vulnerability id). A later report of the same source whose coverage
-- includes a finding's host (and port) but no longer reports it sets it fixed; seeing it again
-- reopens it. Every state change is a row of scan_finding_history (append-only), which the trend
-- of the traffic light is computed from. FKs DEFERRABLE like everywhere else.
--
-- Severity is ours (high / medium / low / info): a scanner's "critical" counts as high;
-- reported_severity keeps what the scanner said.

CREATE TABLE scan_imports (
  id                           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id              uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  -- 'import': an uploaded report file; 'run': results of our own scan run (run_id)
  kind                         text NOT NULL CHECK (kind IN ('import', 'run')),
  source                       text NOT NULL CHECK (source IN ('greenbone', 'nmap', 'testssl', 'nuclei', 'internetnl', 'bastei')),
  label                        text NOT NULL CHECK (length(label) BETWEEN 1 AND 500),
  file_name                    text CHECK (length(file_name) <= 255),
  sha256                       text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes                   bigint CHECK (size_bytes >= 0),
  -- the scan run of src/domains/scans/runs (no FK: that table belongs to the runs module)
  run_id                       uuid,
  scanner_version              text CHECK (length(scanner_version) <= 200),
  started_at                   timestamptz,
  ended_at                     timestamptz,
  -- [{host, ports?: number[]}]: what the scan looked at (absence of a finding there means fixed)
  coverage                     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(coverage) = 'array'),
  coverage_from_findings_only  boolean NOT NULL DEFAULT false,
  findings_reported            integer NOT NULL CHECK (findings_reported >= 0),
  services_reported            integer NOT NULL DEFAULT 0 CHECK (services_reported >= 0),
  created_count                integer NOT NULL DEFAULT 0,
  updated_count                integer NOT NULL DEFAULT 0,
  fixed_count                  integer NOT NULL DEFAULT 0,
  reopened_count               integer NOT NULL DEFAULT 0,
  unchanged_count              integer NOT NULL DEFAULT 0,
  -- open findings by severity right after this import: {high, medium, low, info}
  open_counts                  jsonb NOT NULL DEFAULT '{}',
  imported_by                  uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  imported_by_label            text NOT NULL,
  imported_at                  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, organisation_id)
);
CREATE INDEX scan_imports_organisation_idx ON scan_imports (organisation_id, imported_at);

CREATE TABLE scan_findings (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id     uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  asset_id            uuid NOT NULL,
  -- source:checkId[|vulnerabilityId] (see findings/normalise.ts)
  finding_key         text NOT NULL CHECK (length(finding_key) BETWEEN 1 AND 1000),
  source              text NOT NULL CHECK (source IN ('greenbone', 'nmap', 'testssl', 'nuclei', 'internetnl', 'bastei')),
  host                text NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
  ip                  text CHECK (length(ip) <= 45),
  port                integer CHECK (port BETWEEN 1 AND 65535),
  protocol            text CHECK (protocol IN ('tcp', 'udp')),
  service             text CHECK (length(service) <= 100),
  check_id            text CHECK (length(check_id) <= 300),
  vulnerability_id    text CHECK (length(vulnerability_id) <= 300),
  cves                text[] NOT NULL DEFAULT '{}',
  cvss_score          double precision CHECK (cvss_score BETWEEN 0 AND 10),
  cvss_vector         text CHECK (length(cvss_vector) <= 300),
  severity            text NOT NULL CHECK (severity IN ('high', 'medium', 'low', 'info')),
  reported_severity   text NOT NULL CHECK (reported_severity IN ('critical', 'high', 'medium', 'low', 'info')),
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  description         text CHECK (length(description) <= 20000),
  evidence            text CHECK (length(evidence) <= 20000),
  solution            text CHECK (length(solution) <= 20000),
  refs                jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(refs) = 'array'),
  state               text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'fixed', 'accepted')),
  accepted_reason     text CHECK (length(accepted_reason) <= 2000),
  accepted_by         uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  accepted_at         timestamptz,
  -- after this instant the acceptance lapses and the finding counts as open again
  accepted_until      timestamptz,
  fixed_at            timestamptz,
  first_seen          timestamptz NOT NULL,
  last_seen           timestamptz NOT NULL,
  first_import_id     uuid NOT NULL,
  last_import_id      uuid NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'accepted') = (accepted_until IS NOT NULL AND accepted_reason IS NOT NULL)),
  CHECK ((state = 'fixed') = (fixed_at IS NOT NULL)),
  CHECK (protocol IS NULL OR port IS NOT NULL),
  UNIQUE (organisation_id, asset_id, finding_key),
  UNIQUE (id, organisation_id),
  FOREIGN KEY (asset_id, organisation_id) REFERENCES assets (id, organisation_id) ON DELETE CASCADE DEFERRABLE,
  FOREIGN KEY (first_import_id, organisation_id) REFERENCES scan_imports (id, organisation_id) DEFERRABLE,
  FOREIGN KEY (last_import_id, organisation_id) REFERENCES scan_imports (id, organisation_id) DEFERRABLE
);
CREATE INDEX scan_findings_organisation_idx ON scan_findings (organisation_id, state, severity);
CREATE INDEX scan_findings_host_idx ON scan_findings (organisation_id, host);

-- Every state change of a finding (created, fixed, reopened, accepted, expired) and every change
-- of its severity: who, when, why. Append-only.
CREATE TABLE scan_finding_history (
  id                bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  organisation_id   uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  finding_id        uuid NOT NULL,
  import_id         uuid,
  kind              text NOT NULL CHECK (kind IN ('created', 'state', 'severity')),
  from_state        text CHECK (from_state IN ('open', 'fixed', 'accepted')),
  to_state          text NOT NULL CHECK (to_state IN ('open', 'fixed', 'accepted')),
  -- the finding's severity from this entry on
  severity          text NOT NULL CHECK (severity IN ('high', 'medium', 'low', 'info')),
  reason            text CHECK (length(reason) <= 2000),
  accepted_until    timestamptz,
  changed_by        uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  changed_by_label  text NOT NULL,
  changed_at        timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (finding_id, organisation_id) REFERENCES scan_findings (id, organisation_id) ON DELETE CASCADE DEFERRABLE,
  FOREIGN KEY (import_id, organisation_id) REFERENCES scan_imports (id, organisation_id) DEFERRABLE
);
CREATE INDEX scan_finding_history_finding_idx ON scan_finding_history (finding_id, id);
CREATE INDEX scan_finding_history_organisation_idx ON scan_finding_history (organisation_id, changed_at);

CREATE FUNCTION scan_finding_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'scan_finding_history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER scan_finding_history_append_only BEFORE UPDATE ON scan_finding_history
  FOR EACH ROW EXECUTE FUNCTION scan_finding_history_is_append_only();
