/**
 * Test support: locating the shared reference catalogs (never copied into the repo) and a small
 * hand-written valid catalog for error and fuzz tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REFERENCE_DIR = new URL('../../../../../shared/reference/catalogs/', import.meta.url);
export const SCHEMA_DIR = new URL('oscal-schema/', REFERENCE_DIR);

export const referenceAvailable = existsSync(fileURLToPath(REFERENCE_DIR));
export const schemaAvailable = existsSync(fileURLToPath(new URL('oscal_catalog_schema.json', SCHEMA_DIR)));

export function warnIfMissing(what: string, available: boolean): void {
  if (!available) {
    console.warn(`[oscal tests] skipping ${what}: ${fileURLToPath(REFERENCE_DIR)} is absent`);
  }
}

export function readReference(relativePath: string): string {
  return readFileSync(new URL(relativePath, REFERENCE_DIR), 'utf8');
}

export const FILES = {
  kernel: 'bsi-grundschutz-plusplus/BSI-Stand-der-Technik-Kernel-catalog.json',
  methodik: 'bsi-grundschutz-plusplus/BSI-Methodik-Grundschutz++-catalog.json',
  risiko: 'bsi-grundschutz-plusplus/BSI-Anforderungen-zum-Risikomanagement-catalog.json',
  gsppProfile: 'bsi-grundschutz-plusplus/Grundschutz++-profile.json',
  itgsMapping: 'bsi-grundschutz-plusplus/ITGS-to-GS++-mapping_collection.json',
  isoMapping: 'bsi-grundschutz-plusplus/ISO27001-AnnexA-to-GS++-mapping_collection.json',
  nistBasic: 'nist-oscal/basic-catalog.json',
  nistLowResolved: 'nist-oscal/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json',
  nistLowProfile: 'nist-oscal/NIST_SP-800-53_rev5_LOW-baseline_profile.json',
  nistSsp: 'nist-oscal/ssp-example.json',
} as const;

/** A small, schema-valid catalog exercising groups, nested groups, nested controls, params and parts. */
export function smallCatalog(): Record<string, unknown> {
  return {
    $schema: 'http://csrc.nist.gov/ns/oscal/1.1.3/oscal-catalog-schema.json',
    catalog: {
      uuid: '8c3f6c1e-2f55-4c1b-9a51-6f0b7d7f6a01',
      metadata: {
        title: 'Testkatalog',
        'last-modified': '2025-01-02T03:04:05Z',
        version: '1.0',
        'oscal-version': '1.1.3',
        props: [{ name: 'keywords', value: 'test' }],
      },
      params: [{ id: 'cat-prm1', label: 'Katalogparameter' }],
      controls: [{ id: 'TOP.1', title: 'Top-level control' }],
      groups: [
        {
          id: 'G1',
          title: 'Gruppe 1',
          props: [{ name: 'label', value: 'G1' }],
          groups: [
            {
              id: 'G1.1',
              title: 'Untergruppe',
              controls: [
                {
                  id: 'G1.1.1',
                  class: 'test-class',
                  title: 'Anforderung',
                  params: [{ id: 'g1.1.1-prm1', label: 'Rollen', values: ['Admin'] }],
                  props: [
                    { name: 'sec_level', value: 'normal-SdT', ns: 'https://example.org/ns/security_level' },
                    { name: 'effort_level', value: '3', ns: 'https://example.org/ns/effort_level' },
                    {
                      name: 'unknown_prop',
                      value: 'x',
                      ns: 'https://example.org/ns/other',
                      class: 'c',
                      remarks: 'r',
                    },
                  ],
                  links: [{ href: '#G2.1', rel: 'related' }],
                  parts: [
                    {
                      id: 'G1.1.1_stm',
                      name: 'statement',
                      props: [
                        { name: 'modal_verb', value: 'MUSS', ns: 'https://example.org/ns/modal_verbs' },
                      ],
                      prose: 'Die Institution MUSS {{ insert: param, g1.1.1-prm1 }} benennen.',
                    },
                    { id: 'G1.1.1_gdn', name: 'guidance', prose: 'Hinweise.' },
                  ],
                  controls: [
                    { id: 'G1.1.1.1', title: 'Teilanforderung A' },
                    {
                      id: 'G1.1.1.2',
                      title: 'Teilanforderung B',
                      controls: [{ id: 'G1.1.1.2.1', title: 'Tief' }],
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          id: 'G2',
          title: 'Gruppe 2',
          controls: [
            { id: 'G2.1', title: 'Zweite' },
            { id: 'G2.2', title: 'Dritte', params: [{ id: 'g2.2-prm1', label: 'Frist' }] },
          ],
        },
      ],
      'back-matter': {
        resources: [{ uuid: '0d3f6c1e-2f55-4c1b-9a51-6f0b7d7f6a02', title: 'Quelle' }],
      },
    },
  };
}
