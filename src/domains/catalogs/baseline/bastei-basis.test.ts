import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { basteiBasis } from './bastei-basis.ts';
import type { BaselineRequirement, LocalizedText, MeasureType } from './types.ts';

const kernelCatalogUrl = new URL(
  '../../../../../shared/reference/catalogs/bsi-grundschutz-plusplus/BSI-Stand-der-Technik-Kernel-catalog.json',
  import.meta.url,
);
const kernelCatalogPresent = existsSync(kernelCatalogUrl);
if (!kernelCatalogPresent) {
  console.warn(
    `Grundschutz++ Kernel catalog not found at ${kernelCatalogUrl.pathname}; skipping the check that Grundschutz++ references exist.`,
  );
}

const IT_GRUNDSCHUTZ_ID = /^[A-Z]{3,4}(\.\d+)+\.A\d+$/;

const requirements: BaselineRequirement[] = basteiBasis.topics.flatMap((topic) => topic.requirements);
const measures = requirements.flatMap((requirement) => requirement.measures);

function isFilled(text: LocalizedText): boolean {
  return text.de.trim().length > 0 && text.en.trim().length > 0;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated];
}

interface OscalControl {
  id: string;
  controls?: OscalControl[];
}
interface OscalGroup {
  id: string;
  groups?: OscalGroup[];
  controls?: OscalControl[];
}

/** Collects every control id of an OSCAL catalog, walking nested groups and nested controls. */
function collectControlIds(groups: OscalGroup[] | undefined, into = new Set<string>()): Set<string> {
  const walkControls = (controls: OscalControl[] | undefined) => {
    for (const control of controls ?? []) {
      into.add(control.id);
      walkControls(control.controls);
    }
  };
  for (const group of groups ?? []) {
    walkControls(group.controls);
    collectControlIds(group.groups, into);
  }
  return into;
}

describe('Bastei-Basis baseline catalog', () => {
  it('has the expected identity and version', () => {
    expect(basteiBasis.id).toBe('bastei-basis');
    expect(basteiBasis.version).toBe('2026.1');
    expect(isFilled(basteiBasis.title)).toBe(true);
  });

  it('has exactly 19 topics, each with a code, title, rationale and requirements', () => {
    expect(basteiBasis.topics).toHaveLength(19);
    for (const topic of basteiBasis.topics) {
      expect(topic.code, topic.id).toMatch(/^[A-Z]{3}$/);
      expect(topic.id, topic.id).toBe(`BB-${topic.code}`);
      expect(isFilled(topic.title), topic.id).toBe(true);
      expect(isFilled(topic.rationale), topic.id).toBe(true);
      expect(topic.requirements.length, topic.id).toBeGreaterThan(0);
    }
    expect(duplicates(basteiBasis.topics.map((topic) => topic.code))).toEqual([]);
  });

  it('has between 200 and 300 requirements', () => {
    expect(requirements.length).toBeGreaterThanOrEqual(200);
    expect(requirements.length).toBeLessThanOrEqual(300);
  });

  it('uses unique ids for requirements and measure templates', () => {
    expect(duplicates(requirements.map((requirement) => requirement.id))).toEqual([]);
    expect(duplicates(measures.map((measure) => measure.id))).toEqual([]);
    expect(duplicates([...requirements.map((r) => r.id), ...measures.map((m) => m.id)])).toEqual([]);
  });

  it('derives requirement and measure ids from the topic code', () => {
    for (const topic of basteiBasis.topics) {
      for (const requirement of topic.requirements) {
        expect(requirement.id).toMatch(new RegExp(`^BB-${topic.code}-\\d{2}$`));
        for (const measure of requirement.measures) {
          expect(measure.id).toMatch(new RegExp(`^${requirement.id}-M\\d+$`));
        }
      }
    }
  });

  it('gives every requirement a bilingual question and guidance and at least one measure', () => {
    for (const requirement of requirements) {
      expect(isFilled(requirement.question), requirement.id).toBe(true);
      expect(isFilled(requirement.guidance), requirement.id).toBe(true);
      expect(requirement.measures.length, requirement.id).toBeGreaterThanOrEqual(1);
      for (const measure of requirement.measures) {
        expect(isFilled(measure.title), measure.id).toBe(true);
        expect(isFilled(measure.description), measure.id).toBe(true);
      }
    }
  });

  it('phrases every question as a question in both languages', () => {
    for (const requirement of requirements) {
      expect(requirement.question.de.trim().endsWith('?'), requirement.id).toBe(true);
      expect(requirement.question.en.trim().endsWith('?'), requirement.id).toBe(true);
    }
  });

  it('uses well-formed IT-Grundschutz requirement ids', () => {
    for (const requirement of requirements) {
      for (const reference of requirement.references.itGrundschutz) {
        expect(reference, requirement.id).toMatch(IT_GRUNDSCHUTZ_ID);
      }
      expect(duplicates(requirement.references.itGrundschutz), requirement.id).toEqual([]);
      expect(duplicates(requirement.references.grundschutzPlusPlus), requirement.id).toEqual([]);
    }
  });

  it.skipIf(!kernelCatalogPresent)(
    'references only Grundschutz++ controls that exist in the Kernel catalog',
    () => {
      const kernel = JSON.parse(readFileSync(kernelCatalogUrl, 'utf8')) as {
        catalog: { groups?: OscalGroup[] };
      };
      const controlIds = collectControlIds(kernel.catalog.groups);
      expect(controlIds.size).toBeGreaterThan(500);
      const unknown = requirements.flatMap((requirement) =>
        requirement.references.grundschutzPlusPlus
          .filter((reference) => !controlIds.has(reference))
          .map((reference) => `${requirement.id}: ${reference}`),
      );
      expect(unknown).toEqual([]);
    },
  );

  it('uses a sensible mix of measure types', () => {
    const allTypes: MeasureType[] = [
      'technical',
      'organisational',
      'workshop',
      'penetration_test',
      'training',
    ];
    const used = new Set(measures.map((measure) => measure.type));
    expect(used.size).toBeGreaterThanOrEqual(3);
    for (const type of ['training', 'workshop', 'penetration_test'] as const) {
      expect(used.has(type), type).toBe(true);
    }
    for (const type of used) expect(allTypes).toContain(type);
    for (const topic of basteiBasis.topics) {
      const topicTypes = new Set(topic.requirements.flatMap((r) => r.measures.map((m) => m.type)));
      expect(topicTypes.size, topic.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps most requirements at basis level and only a few elevated', () => {
    const count = (level: BaselineRequirement['level']) =>
      requirements.filter((r) => r.level === level).length;
    expect(count('basis')).toBeGreaterThan(requirements.length / 2);
    expect(count('elevated')).toBeGreaterThan(0);
    expect(count('elevated')).toBeLessThan(count('standard'));
  });
});
