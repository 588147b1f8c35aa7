-- Catalogs: programme-wide reference data (not tenant-owned). A catalog is versioned (key, version);
-- its groups (topics) form a tree, its requirements (OSCAL controls) may nest (parent_id).
-- Everything an OSCAL export needs to round-trip is kept: catalogs.metadata (metadata fields,
-- catalog params, back-matter, unknown fields), catalog_groups.data and catalog_requirements.data
-- (the OSCAL group/control JSON without its nested groups/controls, which are rows of their own).
-- Foreign keys are DEFERRABLE so a restore can load tables in any order inside one transaction.

CREATE TABLE catalogs (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key                text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
  version            text NOT NULL CHECK (length(version) BETWEEN 1 AND 200),
  title              text NOT NULL,
  title_en           text,
  source             text NOT NULL CHECK (source IN ('builtin', 'oscal-catalog', 'oscal-profile')),
  oscal_uuid         uuid,
  metadata           jsonb NOT NULL DEFAULT '{}',
  group_count        integer NOT NULL DEFAULT 0,
  requirement_count  integer NOT NULL DEFAULT 0,
  created_by         uuid REFERENCES users (id) ON DELETE SET NULL DEFERRABLE,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, version)
);

CREATE TABLE catalog_groups (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  catalog_id  uuid NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE DEFERRABLE,
  parent_id   uuid REFERENCES catalog_groups (id) ON DELETE CASCADE DEFERRABLE,
  -- OSCAL group id (optional in OSCAL), Bastei-Basis topic id.
  group_key   text,
  title       text NOT NULL,
  title_en    text,
  -- Position among its siblings (same parent group, or catalog top level).
  position    integer NOT NULL,
  -- Pre-order position in the whole catalog (document order).
  ordinal     integer NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX catalog_groups_catalog_idx ON catalog_groups (catalog_id, ordinal);
CREATE INDEX catalog_groups_parent_idx ON catalog_groups (parent_id);

CREATE TABLE catalog_requirements (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  catalog_id       uuid NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE DEFERRABLE,
  -- Nearest enclosing group (null for controls directly under the catalog).
  group_id         uuid REFERENCES catalog_groups (id) ON DELETE CASCADE DEFERRABLE,
  -- Enclosing control for nested controls (enhancements, BSI sub-requirements).
  parent_id        uuid REFERENCES catalog_requirements (id) ON DELETE CASCADE DEFERRABLE,
  requirement_key  text NOT NULL,
  -- Position among its siblings (same parent control, or same group / catalog top level).
  position         integer NOT NULL,
  -- Pre-order position in the whole catalog (document order), for listing and pagination.
  ordinal          integer NOT NULL,
  depth            integer NOT NULL DEFAULT 0,
  title            text NOT NULL,
  title_en         text,
  statement        text,
  statement_en     text,
  guidance         text,
  guidance_en      text,
  level            text CHECK (level IN ('basis', 'standard', 'elevated')),
  level_raw        text,
  effort           text CHECK (effort IN ('low', 'medium', 'high')),
  effort_raw       text,
  modal_verb       text,
  "references"     jsonb NOT NULL DEFAULT '{}',
  data             jsonb,
  UNIQUE (catalog_id, requirement_key)
);
CREATE INDEX catalog_requirements_catalog_idx ON catalog_requirements (catalog_id, ordinal);
CREATE INDEX catalog_requirements_group_idx ON catalog_requirements (group_id);
CREATE INDEX catalog_requirements_parent_idx ON catalog_requirements (parent_id);

CREATE TABLE measure_templates (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  catalog_id      uuid NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE DEFERRABLE,
  requirement_id  uuid NOT NULL REFERENCES catalog_requirements (id) ON DELETE CASCADE DEFERRABLE,
  template_key    text NOT NULL,
  type            text NOT NULL CHECK (type IN ('technical', 'organisational', 'workshop', 'penetration_test', 'training')),
  title           text NOT NULL,
  title_en        text,
  description     text,
  description_en  text,
  position        integer NOT NULL DEFAULT 0,
  UNIQUE (requirement_id, template_key)
);
CREATE INDEX measure_templates_catalog_idx ON measure_templates (catalog_id);

-- Cross-references from OSCAL mapping collections (e.g. IT-Grundschutz 2023 -> Grundschutz++):
-- one row per (map, source, target). source_catalog/target_catalog are the hrefs of the mapping's
-- source/target resources; ids are control (or statement) ids in those catalogs.
CREATE TABLE catalog_cross_references (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collection_key  text NOT NULL,
  collection_uuid uuid,
  source_catalog  text NOT NULL,
  source_id       text NOT NULL,
  target_catalog  text NOT NULL,
  target_id       text NOT NULL,
  relationship    text NOT NULL,
  data            jsonb NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_cross_references_collection_idx ON catalog_cross_references (collection_key);
CREATE INDEX catalog_cross_references_source_idx ON catalog_cross_references (source_id);
CREATE INDEX catalog_cross_references_target_idx ON catalog_cross_references (target_id);
