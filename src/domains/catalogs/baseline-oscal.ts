/**
 * Bastei-Basis as an OSCAL catalog model, so that the built-in baseline is stored, read and
 * exported exactly like an imported catalog (rows.ts). German text is the primary language; the
 * English text, level, effort, references and measure templates travel as props and parts in
 * Bastei's namespace (BASTEI_NS), which an exported Bastei-Basis keeps on re-import:
 *   control props   label, level, effort, it-grundschutz*, grundschutz-plus-plus*
 *   control parts   statement (the yes/no question), guidance, translation (lang=en: title,
 *                   statement, guidance), measure-template* (class = type, title, prose,
 *                   translation)
 *   group parts     overview (the rationale), translation (lang=en)
 */
import { basteiBasis } from './baseline/bastei-basis.ts';
import type { BaselineCatalog, BaselineRequirement, BaselineTopic, LocalizedText } from './baseline/types.ts';
import type { CatalogModel, ControlModel, GroupModel, Part, Prop } from './oscal/index.ts';
import { BASTEI_NS } from './rows.ts';

export const BASELINE_KEY = 'bastei-basis';
/** Fixed OSCAL uuid of the built-in baseline (a new version of it gets a new uuid). */
export const BASELINE_UUIDS: Readonly<Record<string, string>> = {
  '2026.1': '6f1d2c3b-8a4e-4b7f-9c2d-1e0a5b6c7d81',
};

const prop = (name: string, value: string): Prop => ({ name, value, ns: BASTEI_NS });

function translation(id: string | undefined, title: string | undefined, parts: Part[], prose?: string): Part {
  const part: Part = { name: 'translation', ns: BASTEI_NS, props: [prop('lang', 'en')] };
  if (id !== undefined) part.id = id;
  if (title !== undefined) part.title = title;
  if (prose !== undefined) part.prose = prose;
  if (parts.length > 0) part.parts = parts;
  return part;
}

function requirementControl(r: BaselineRequirement): ControlModel {
  const props: Prop[] = [
    { name: 'label', value: r.id },
    prop('level', r.level),
    prop('effort', r.effort),
    ...r.references.itGrundschutz.map((id) => prop('it-grundschutz', id)),
    ...r.references.grundschutzPlusPlus.map((id) => prop('grundschutz-plus-plus', id)),
  ];
  const en = (text: LocalizedText, name: string): Part => ({ name, ns: BASTEI_NS, prose: text.en });
  const parts: Part[] = [
    { id: `${r.id}_smt`, name: 'statement', prose: r.question.de },
    { id: `${r.id}_gdn`, name: 'guidance', prose: r.guidance.de },
    translation(`${r.id}_en`, r.question.en, [en(r.question, 'statement'), en(r.guidance, 'guidance')]),
    ...r.measures.map(
      (m): Part => ({
        id: m.id,
        name: 'measure-template',
        ns: BASTEI_NS,
        class: m.type,
        title: m.title.de,
        prose: m.description.de,
        parts: [translation(undefined, m.title.en, [], m.description.en)],
      }),
    ),
  ];
  return {
    id: r.id,
    class: 'bastei-basis-requirement',
    title: r.question.de,
    props,
    params: [],
    parts,
    controls: [],
  };
}

function topicGroup(topic: BaselineTopic): GroupModel {
  return {
    id: topic.id,
    class: 'bastei-basis-topic',
    title: topic.title.de,
    props: [{ name: 'label', value: topic.code }],
    parts: [
      { id: `${topic.id}_ovw`, name: 'overview', prose: topic.rationale.de },
      translation(`${topic.id}_en`, topic.title.en, [], topic.rationale.en),
    ],
    params: [],
    groups: [],
    controls: topic.requirements.map(requirementControl),
  };
}

/** The baseline as an OSCAL catalog model (last-modified: `lastModified`, default now). */
export function baselineCatalogModel(
  baseline: BaselineCatalog = basteiBasis,
  lastModified = new Date().toISOString(),
): CatalogModel {
  return {
    uuid: BASELINE_UUIDS[baseline.version] ?? '6f1d2c3b-8a4e-4b7f-9c2d-1e0a5b6c7d80',
    title: baseline.title.de,
    version: baseline.version,
    lastModified,
    oscalVersion: '1.1.3',
    metadataExtra: {
      props: [prop('title-en', baseline.title.en), { name: 'keywords', value: 'Kommunen, Basisabsicherung' }],
      remarks:
        'Bastei-Basis: in eigenen Worten verfasster Basiskatalog für Kommunen, gegliedert wie die WiBA-Prüffragen des BSI. ' +
        'Verweise auf IT-Grundschutz und Grundschutz++ nennen nur Kennungen.',
    },
    groups: baseline.topics.map(topicGroup),
    controls: [],
  };
}
