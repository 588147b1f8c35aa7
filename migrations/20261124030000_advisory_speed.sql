-- Advisories (issue 6): the foreign keys that were missing, and what the faster import needs.
--
-- incident_advisory_links.advisory_id and advisory_feed_entries.advisory_id were plain uuids
-- (incidents was written when advisories were not stored yet). Advisories are never deleted:
-- every revision is kept, supersession only clears is_current, and no code path or command
-- deletes one. So the keys are NO ACTION (a delete of a linked advisory fails) rather than
-- CASCADE, which would silently drop a CERT case's links, and DEFERRABLE like every key here
-- (backup/restore loads in one transaction).
--
-- Links to an advisory that does not exist point at nothing a CERT could follow (before this
-- key any uuid was accepted); they are removed so that the key can be validated.
DELETE FROM incident_advisory_links l
WHERE NOT EXISTS (SELECT 1 FROM advisories a WHERE a.id = l.advisory_id);
ALTER TABLE incident_advisory_links
  ADD CONSTRAINT incident_advisory_links_advisory_fk
  FOREIGN KEY (advisory_id) REFERENCES advisories (id) DEFERRABLE;
CREATE INDEX incident_advisory_links_advisory_idx ON incident_advisory_links (advisory_id);

-- A feed entry names the advisory its document became; a vanished id is only forgotten.
UPDATE advisory_feed_entries e SET advisory_id = NULL
WHERE advisory_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM advisories a WHERE a.id = e.advisory_id);
ALTER TABLE advisory_feed_entries
  ADD CONSTRAINT advisory_feed_entries_advisory_fk
  FOREIGN KEY (advisory_id) REFERENCES advisories (id) DEFERRABLE;

-- advisory_matches.organisation_id is already held by the key (installed_product_id,
-- organisation_id) → installed_products, whose organisation_id references organisations: the
-- direct key to organisations checks nothing more, but costs one lookup per written match row
-- (an import of 1,000 advisories writes about 100,000). Dropped.
ALTER TABLE advisory_matches DROP CONSTRAINT advisory_matches_organisation_id_fkey;
