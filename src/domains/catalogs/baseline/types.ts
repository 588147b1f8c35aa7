/**
 * Types of the built-in baseline catalog "Bastei-Basis".
 *
 * The catalog is written in our own words. It follows the structure of BSI's
 * "Weg in die Basis-Absicherung" (WiBA) for municipalities (topics with yes/no questions),
 * but no BSI text is reused. Only identifiers (IT-Grundschutz requirement ids,
 * Grundschutz++ control ids) are carried over as references.
 */

export type LocalizedText = { de: string; en: string };

/** How demanding a requirement is: baseline for every municipality, state of the art, or elevated protection needs. */
export type RequirementLevel = 'basis' | 'standard' | 'elevated';

/** Rough effort to fulfil a requirement for a small municipality starting from scratch. */
export type Effort = 'low' | 'medium' | 'high';

export type MeasureType = 'technical' | 'organisational' | 'workshop' | 'penetration_test' | 'training';

export interface BaselineMeasureTemplate {
  id: string;
  type: MeasureType;
  title: LocalizedText;
  description: LocalizedText;
}

export interface BaselineRequirement {
  /** Stable id, e.g. 'BB-DSI-03' (topic code + two digits). */
  id: string;
  /** A yes/no question in plain language, e.g. "Gibt es ...?" */
  question: LocalizedText;
  /** 1–3 sentences: what "yes" means, what to check, typical evidence. */
  guidance: LocalizedText;
  level: RequirementLevel;
  effort: Effort;
  /** Ids only, where they genuinely correspond; may be empty. */
  references: { itGrundschutz: string[]; grundschutzPlusPlus: string[] };
  /** At least one. */
  measures: BaselineMeasureTemplate[];
}

export interface BaselineTopic {
  id: string;
  code: string;
  title: LocalizedText;
  rationale: LocalizedText;
  requirements: BaselineRequirement[];
}

export interface BaselineCatalog {
  id: 'bastei-basis';
  version: string;
  title: LocalizedText;
  topics: BaselineTopic[];
}
