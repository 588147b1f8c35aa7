-- Asset inventory of a Kommune: what it runs on the internet (domains, hosts, services) and the
-- products installed anywhere in its administration. Scans check the first; advisories are
-- matched against the second. Every row carries organisation_id; composite FKs keep a product's
-- asset in the same organisation. FKs DEFERRABLE like everywhere else.
--
-- kind  name                          port/protocol    parent
-- domain  example-gemeinde.de         –                –
-- host    www.example-gemeinde.de or an IP address     – (or its domain)
-- service the host's name             443/tcp          the host

CREATE TABLE assets (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  kind             text NOT NULL CHECK (kind IN ('domain', 'host', 'service')),
  -- lower-case DNS name or textual IP address
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 253),
  port             integer CHECK (port BETWEEN 1 AND 65535),
  protocol         text CHECK (protocol IN ('tcp', 'udp')),
  -- what listens there as the operator or a scanner names it (e.g. "nginx 1.24.0")
  product          text CHECK (length(product) <= 200),
  parent_id        uuid,
  notes            text CHECK (length(notes) <= 2000),
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'service') = (port IS NOT NULL AND protocol IS NOT NULL)),
  UNIQUE NULLS NOT DISTINCT (organisation_id, kind, name, port, protocol),
  UNIQUE (id, organisation_id),
  FOREIGN KEY (parent_id, organisation_id) REFERENCES assets (id, organisation_id) ON DELETE CASCADE DEFERRABLE
);
CREATE INDEX assets_name_idx ON assets (name);

CREATE TABLE installed_products (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) DEFERRABLE,
  -- where it runs, when known (a host or service of the inventory)
  asset_id         uuid,
  vendor           text CHECK (length(vendor) <= 200),
  product          text NOT NULL CHECK (length(product) BETWEEN 1 AND 200),
  version          text CHECK (length(version) <= 100),
  -- CPE 2.2 URI or 2.3 formatted string, and package URL, as recorded
  cpe              text CHECK (length(cpe) <= 500),
  purl             text CHECK (length(purl) <= 500),
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (organisation_id, asset_id, vendor, product, version),
  UNIQUE (id, organisation_id),
  FOREIGN KEY (asset_id, organisation_id) REFERENCES assets (id, organisation_id) ON DELETE CASCADE DEFERRABLE
);
CREATE INDEX installed_products_organisation_idx ON installed_products (organisation_id);
