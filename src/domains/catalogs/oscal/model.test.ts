import { describe, expect, it } from 'vitest';
import { parseOscalCatalog } from './import.ts';
import { type ControlModel, countControls, findControl, flattenControls, requirementView } from './model.ts';
import { smallCatalog } from './test-helpers.ts';

const model = () => parseOscalCatalog(smallCatalog());

describe('flattenControls / countControls', () => {
  it('lists every control with its parent path, depth and pointer', () => {
    const flat = flattenControls(model());
    expect(flat.map((f) => [f.control.id, f.depth, f.pointer])).toEqual([
      ['TOP.1', 0, '/catalog/controls/0'],
      ['G1.1.1', 0, '/catalog/groups/0/groups/0/controls/0'],
      ['G1.1.1.1', 1, '/catalog/groups/0/groups/0/controls/0/controls/0'],
      ['G1.1.1.2', 1, '/catalog/groups/0/groups/0/controls/0/controls/1'],
      ['G1.1.1.2.1', 2, '/catalog/groups/0/groups/0/controls/0/controls/1/controls/0'],
      ['G2.1', 0, '/catalog/groups/1/controls/0'],
      ['G2.2', 0, '/catalog/groups/1/controls/1'],
    ]);
    const deepest = flat[4];
    expect(deepest?.path).toEqual([
      { kind: 'group', id: 'G1', title: 'Gruppe 1' },
      { kind: 'group', id: 'G1.1', title: 'Untergruppe' },
      { kind: 'control', id: 'G1.1.1', title: 'Anforderung' },
      { kind: 'control', id: 'G1.1.1.2', title: 'Teilanforderung B' },
    ]);
    expect(deepest?.parentControlId).toBe('G1.1.1.2');
    expect(deepest?.groupId).toBe('G1.1');
    expect(flat[0]?.groupId).toBeUndefined();
  });

  it('counts nested controls, also per group', () => {
    const m = model();
    expect(countControls(m)).toBe(7);
    expect(countControls(m.groups[0] as NonNullable<(typeof m.groups)[0]>)).toBe(4);
    expect(findControl(m, 'G1.1.1.2.1')?.title).toBe('Tief');
    expect(findControl(m, 'nope')).toBeUndefined();
  });
});

describe('requirementView', () => {
  it('extracts statement, guidance, level, effort and modal verb, keeping all props', () => {
    const control = findControl(model(), 'G1.1.1') as ControlModel;
    expect(requirementView(control)).toEqual({
      id: 'G1.1.1',
      title: 'Anforderung',
      statement: 'Die Institution MUSS {{ insert: param, g1.1.1-prm1 }} benennen.',
      guidance: 'Hinweise.',
      level: 'normal-SdT',
      effort: '3',
      modalVerb: 'MUSS',
      props: control.props,
      statementProps: [{ name: 'modal_verb', value: 'MUSS', ns: 'https://example.org/ns/modal_verbs' }],
    });
    expect(requirementView(control).props).toHaveLength(3);
    expect(requirementView(control).props[2]).toEqual({
      name: 'unknown_prop',
      value: 'x',
      ns: 'https://example.org/ns/other',
      class: 'c',
      remarks: 'r',
    });
  });

  it('controls without parts or props give nulls and no optional fields', () => {
    const control = findControl(model(), 'G2.1') as ControlModel;
    expect(requirementView(control)).toEqual({
      id: 'G2.1',
      title: 'Zweite',
      statement: null,
      guidance: null,
      props: [],
      statementProps: [],
    });
  });

  it('level prop names are configurable; nested statement items carry their labels', () => {
    const control: ControlModel = {
      id: 'ac-1',
      title: 'Policy',
      props: [
        { name: 'baseline-impact', value: 'LOW' },
        { name: 'custom-level', value: 'hoch' },
      ],
      params: [],
      controls: [],
      parts: [
        {
          name: 'statement',
          parts: [
            { name: 'item', props: [{ name: 'label', value: 'a.' }], prose: 'Develop;' },
            { name: 'item', props: [{ name: 'label', value: 'b.' }], prose: 'Review.' },
          ],
        },
      ],
    };
    expect(requirementView(control).level).toBe('LOW');
    expect(requirementView(control, { levelPropNames: ['custom-level'] }).level).toBe('hoch');
    expect(requirementView(control).statement).toBe('a. Develop;\nb. Review.');
  });
});
