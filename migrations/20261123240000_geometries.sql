-- Boundaries of organisations for the state map. Geometry is operator data (e.g. BKG VG250,
-- dl-de/by-2-0): loaded with `bastei import geometry FILE`, never shipped with the code. One
-- GeoJSON Polygon/MultiPolygon (WGS84, coordinates rounded to 1e-5°) per organisation, with the
-- attribution its licence requires, shown wherever the map is.

CREATE TABLE organisation_geometries (
  organisation_id  uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE DEFERRABLE,
  geometry         jsonb NOT NULL CHECK (geometry->>'type' IN ('Polygon', 'MultiPolygon')),
  -- sha256 of the stored geometry's JSON: a re-import of the same file changes nothing
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  source           text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  attribution      text CHECK (length(attribution) <= 500),
  imported_at      timestamptz NOT NULL DEFAULT now()
);
