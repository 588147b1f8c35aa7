/**
 * Bastei's in-memory model of an OSCAL catalog, plus the structural (zod) schemas of the OSCAL JSON
 * shapes it is built from. The model keeps everything a catalog carries (unknown props, params,
 * part trees, back-matter, unknown fields) so that `exportOscalCatalog` can write it back
 * losslessly; see export.ts.
 *
 * Sub-structures that Bastei does not interpret (props, params, parts, links, back-matter) stay in
 * their OSCAL JSON shape (hyphenated keys included). Catalog, group and control get our own shape.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// OSCAL JSON shapes (structural validation). Loose objects: unknown keys are kept, not rejected;
// the official JSON schema (when configured) is what rejects them.
// ---------------------------------------------------------------------------------------------

/** OSCAL token (NCName-like): used for control, group, param and part ids. */
export const oscalTokenSchema = z
  .string()
  .regex(
    /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u,
    'must be an OSCAL token (a letter or "_", then letters, digits, ".", "-", "_")',
  );

export const propSchema = z.looseObject({
  name: oscalTokenSchema,
  value: z.string(),
  uuid: z.string().optional(),
  ns: z.string().optional(),
  class: z.string().optional(),
  group: z.string().optional(),
  remarks: z.string().optional(),
});
/** An OSCAL property, kept verbatim (unknown names and namespaces included). */
export type Prop = z.infer<typeof propSchema>;

export const linkSchema = z.looseObject({
  href: z.string(),
  rel: z.string().optional(),
  'media-type': z.string().optional(),
  text: z.string().optional(),
});
export type Link = z.infer<typeof linkSchema>;

export const paramSchema = z.looseObject({
  id: oscalTokenSchema,
  class: z.string().optional(),
  label: z.string().optional(),
  usage: z.string().optional(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
  values: z.array(z.string()).optional(),
});
/** An OSCAL parameter, kept verbatim (select, constraints, guidelines … stay raw). */
export type Param = z.infer<typeof paramSchema>;

/** An OSCAL part (statement, guidance, item, assessment-objective …) as a tree. */
export interface Part {
  id?: string | undefined;
  name: string;
  ns?: string | undefined;
  class?: string | undefined;
  title?: string | undefined;
  prose?: string | undefined;
  props?: Prop[] | undefined;
  links?: Link[] | undefined;
  parts?: Part[] | undefined;
  [key: string]: unknown;
}

export const partSchema: z.ZodType<Part> = z.looseObject({
  id: oscalTokenSchema.optional(),
  name: oscalTokenSchema,
  ns: z.string().optional(),
  class: z.string().optional(),
  title: z.string().optional(),
  prose: z.string().optional(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
  get parts(): z.ZodOptional<z.ZodArray<z.ZodType<Part>>> {
    return z.array(partSchema).optional();
  },
});

export const resourceSchema = z.looseObject({
  uuid: z.string().min(1),
  title: z.string().optional(),
  rlinks: z.array(z.looseObject({ href: z.string(), 'media-type': z.string().optional() })).optional(),
});
export type BackMatterResource = z.infer<typeof resourceSchema>;

export const backMatterSchema = z.looseObject({ resources: z.array(resourceSchema).optional() });
/** OSCAL back-matter, kept verbatim. */
export type BackMatter = z.infer<typeof backMatterSchema>;

export const metadataSchema = z.looseObject({
  title: z.string(),
  'last-modified': z.string(),
  version: z.string(),
  'oscal-version': z.string(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
});
export type OscalMetadata = z.infer<typeof metadataSchema>;

/** A control as it appears in OSCAL JSON. */
export interface ControlJson {
  id: string;
  class?: string | undefined;
  title: string;
  params?: Param[] | undefined;
  props?: Prop[] | undefined;
  links?: Link[] | undefined;
  parts?: Part[] | undefined;
  controls?: ControlJson[] | undefined;
  [key: string]: unknown;
}

export const controlJsonSchema: z.ZodType<ControlJson> = z.looseObject({
  id: oscalTokenSchema,
  class: z.string().optional(),
  title: z.string(),
  params: z.array(paramSchema).optional(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
  parts: z.array(partSchema).optional(),
  get controls(): z.ZodOptional<z.ZodArray<z.ZodType<ControlJson>>> {
    return z.array(controlJsonSchema).optional();
  },
});

/** A group as it appears in OSCAL JSON. */
export interface GroupJson {
  id?: string | undefined;
  class?: string | undefined;
  title: string;
  params?: Param[] | undefined;
  props?: Prop[] | undefined;
  links?: Link[] | undefined;
  parts?: Part[] | undefined;
  groups?: GroupJson[] | undefined;
  controls?: ControlJson[] | undefined;
  [key: string]: unknown;
}

export const groupJsonSchema: z.ZodType<GroupJson> = z.looseObject({
  id: oscalTokenSchema.optional(),
  class: z.string().optional(),
  title: z.string(),
  params: z.array(paramSchema).optional(),
  props: z.array(propSchema).optional(),
  links: z.array(linkSchema).optional(),
  parts: z.array(partSchema).optional(),
  get groups(): z.ZodOptional<z.ZodArray<z.ZodType<GroupJson>>> {
    return z.array(groupJsonSchema).optional();
  },
  get controls(): z.ZodOptional<z.ZodArray<z.ZodType<ControlJson>>> {
    return z.array(controlJsonSchema).optional();
  },
});

export const catalogJsonSchema = z.looseObject({
  uuid: z.string().min(1),
  metadata: metadataSchema,
  params: z.array(paramSchema).optional(),
  controls: z.array(controlJsonSchema).optional(),
  groups: z.array(groupJsonSchema).optional(),
  'back-matter': backMatterSchema.optional(),
});
export type CatalogJson = z.infer<typeof catalogJsonSchema>;

export const catalogDocumentSchema = z.looseObject({ catalog: catalogJsonSchema });

// ---------------------------------------------------------------------------------------------
// Bastei's catalog model
// ---------------------------------------------------------------------------------------------

export interface ControlModel {
  id: string;
  class?: string;
  title: string;
  /** All props in source order, unknown names/namespaces included. */
  props: Prop[];
  /** Parameters, raw. */
  params: Param[];
  /** Part tree (statement, guidance, items, assessment objectives …), raw. */
  parts: Part[];
  links?: Link[];
  /** Nested controls (control enhancements, BSI sub-requirements). */
  controls: ControlModel[];
  /** Fields OSCAL does not define (only possible with structural validation), raw. */
  extra?: Record<string, unknown>;
}

export interface GroupModel {
  id?: string;
  class?: string;
  title: string;
  props: Prop[];
  parts: Part[];
  params: Param[];
  links?: Link[];
  groups: GroupModel[];
  controls: ControlModel[];
  extra?: Record<string, unknown>;
}

export interface CatalogModel {
  uuid: string;
  title: string;
  version: string;
  lastModified?: string;
  /** `metadata.oscal-version` of the source; export writes it back (default 1.1.3). */
  oscalVersion?: string;
  /** All other metadata fields (published, roles, parties, props, links, remarks …), raw. */
  metadataExtra: Record<string, unknown>;
  /** Catalog-level parameters, raw. */
  params?: Param[];
  groups: GroupModel[];
  /** Controls directly under the catalog (not in any group). */
  controls: ControlModel[];
  backMatter?: BackMatter;
  /** Unknown fields of the `catalog` object, raw. */
  extra?: Record<string, unknown>;
  /** Fields of the document root other than `catalog` (e.g. `$schema`), raw. */
  rootExtra?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Derived helpers
// ---------------------------------------------------------------------------------------------

export interface PathSegment {
  kind: 'group' | 'control';
  id?: string;
  title: string;
}

export interface FlatControl {
  control: ControlModel;
  /** Ancestors, outermost first (groups and parent controls). */
  path: PathSegment[];
  /** Id of the enclosing control, for nested controls. */
  parentControlId?: string;
  /** Id of the nearest enclosing group, if any. */
  groupId?: string;
  /** 0 for controls directly in a group or the catalog, 1 for their children, … */
  depth: number;
  /** JSON pointer of the control in the exported (and, for imported models, the source) document. */
  pointer: string;
}

/** All controls, nested ones included, in document order (pre-order). */
export function flattenControls(model: CatalogModel): FlatControl[] {
  const out: FlatControl[] = [];
  const visitControls = (
    controls: ControlModel[],
    base: string,
    path: PathSegment[],
    groupId: string | undefined,
    parentControlId: string | undefined,
    depth: number,
  ): void => {
    controls.forEach((control, index) => {
      const pointer = `${base}/controls/${index}`;
      const flat: FlatControl = { control, path, depth, pointer };
      if (groupId !== undefined) flat.groupId = groupId;
      if (parentControlId !== undefined) flat.parentControlId = parentControlId;
      out.push(flat);
      if (control.controls.length > 0) {
        const childPath = [...path, { kind: 'control' as const, id: control.id, title: control.title }];
        visitControls(control.controls, pointer, childPath, groupId, control.id, depth + 1);
      }
    });
  };
  const visitGroups = (groups: GroupModel[], base: string, path: PathSegment[]): void => {
    groups.forEach((group, index) => {
      const pointer = `${base}/groups/${index}`;
      const segment: PathSegment = { kind: 'group', title: group.title };
      if (group.id !== undefined) segment.id = group.id;
      const groupPath = [...path, segment];
      // OSCAL JSON order: a group's controls come before its sub-groups.
      visitControls(group.controls, pointer, groupPath, group.id, undefined, 0);
      visitGroups(group.groups, pointer, groupPath);
    });
  };
  visitControls(model.controls, '/catalog', [], undefined, undefined, 0);
  visitGroups(model.groups, '/catalog', []);
  return out;
}

function countInControls(controls: readonly ControlModel[]): number {
  let n = 0;
  for (const c of controls) n += 1 + countInControls(c.controls);
  return n;
}

function countInGroups(groups: readonly GroupModel[]): number {
  let n = 0;
  for (const g of groups) n += countInControls(g.controls) + countInGroups(g.groups);
  return n;
}

/** Number of controls including nested ones (in groups, sub-groups and parent controls). */
export function countControls(model: CatalogModel | GroupModel): number {
  return countInControls(model.controls) + countInGroups(model.groups);
}

/** Finds a control (at any depth) by id. */
export function findControl(model: CatalogModel, id: string): ControlModel | undefined {
  const inControls = (controls: readonly ControlModel[]): ControlModel | undefined => {
    for (const c of controls) {
      if (c.id === id) return c;
      const hit = inControls(c.controls);
      if (hit) return hit;
    }
    return undefined;
  };
  const inGroups = (groups: readonly GroupModel[]): ControlModel | undefined => {
    for (const g of groups) {
      const hit = inControls(g.controls) ?? inGroups(g.groups);
      if (hit) return hit;
    }
    return undefined;
  };
  return inControls(model.controls) ?? inGroups(model.groups);
}

/** What Bastei shows and stores per requirement. */
export interface RequirementView {
  id: string;
  title: string;
  /** Prose of the `statement` part(s) incl. nested items (label-prefixed), or null. */
  statement: string | null;
  /** Prose of the `guidance` part(s), or null. */
  guidance: string | null;
  /** Raw value of the first level prop (BSI `sec_level`, or a baseline prop), if any. */
  level?: string;
  /** Raw value of `effort_level`, if any. */
  effort?: string;
  /** Raw value of `modal_verb` (BSI: on the statement part), if any. */
  modalVerb?: string;
  /** All control props, verbatim. */
  props: Prop[];
  /** Props of the statement part(s), verbatim (BSI: action_word, result, documentation, …). */
  statementProps: Prop[];
}

export interface RequirementViewOptions {
  /** Prop names that carry the level, in priority order. */
  levelPropNames?: readonly string[];
}

/** Default level prop names: BSI Grundschutz++ and common baseline/impact markers. */
export const DEFAULT_LEVEL_PROP_NAMES: readonly string[] = [
  'sec_level',
  'baseline',
  'baseline-impact',
  'priority',
];

function partText(part: Part, nested: boolean): string[] {
  const lines: string[] = [];
  if (part.prose !== undefined && part.prose.trim() !== '') {
    const label = nested ? part.props?.find((p) => p.name === 'label')?.value : undefined;
    lines.push(label ? `${label} ${part.prose}` : part.prose);
  }
  for (const child of part.parts ?? []) lines.push(...partText(child, true));
  return lines;
}

function proseOf(parts: readonly Part[], name: string): string | null {
  const lines: string[] = [];
  for (const part of parts) if (part.name === name) lines.push(...partText(part, false));
  return lines.length > 0 ? lines.join('\n') : null;
}

function propsOfParts(parts: readonly Part[], name: string): Prop[] {
  const out: Prop[] = [];
  const visit = (part: Part): void => {
    out.push(...(part.props ?? []));
    for (const child of part.parts ?? []) visit(child);
  };
  for (const part of parts) if (part.name === name) visit(part);
  return out;
}

/** Per-requirement view: statement and guidance prose, level, effort, modal verb, props. */
export function requirementView(
  control: ControlModel,
  options: RequirementViewOptions = {},
): RequirementView {
  const statementProps = propsOfParts(control.parts, 'statement');
  const lookup = (name: string): string | undefined =>
    control.props.find((p) => p.name === name)?.value ?? statementProps.find((p) => p.name === name)?.value;
  const view: RequirementView = {
    id: control.id,
    title: control.title,
    statement: proseOf(control.parts, 'statement'),
    guidance: proseOf(control.parts, 'guidance'),
    props: control.props,
    statementProps,
  };
  for (const name of options.levelPropNames ?? DEFAULT_LEVEL_PROP_NAMES) {
    const value = lookup(name);
    if (value !== undefined) {
      view.level = value;
      break;
    }
  }
  const effort = lookup('effort_level');
  if (effort !== undefined) view.effort = effort;
  const modalVerb = lookup('modal_verb');
  if (modalVerb !== undefined) view.modalVerb = modalVerb;
  return view;
}
