import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { getTemplate } from '../regions';
import type { DraftContent } from '../draft';
import { canonicalFullContent, canonicalJson, canonicalSignedContent } from './canonical';

const seed = getSeed('juluxian-2024');
const template = getTemplate(seed.meta.templateId);
const sign = (content: DraftContent, meta = seed.meta): string => canonicalSignedContent(template, meta, content);

describe('canonical serialization of what is signed', () => {
  it('sorts keys at every level and rejects non-integers', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[2,"x"]},"b":1}');
    expect(() => canonicalJson({ a: 0.1 })).toThrow();
  });

  it('is the same whatever the insertion order and spelling of decimals', () => {
    const base = sign(seed.content);
    const reordered: DraftContent = { rows: seed.content.rows, cells: Object.fromEntries(Object.entries(seed.content.cells).reverse()) };
    expect(sign(reordered)).toBe(base);
    const key = Object.keys(seed.content.cells).find((k) => k.startsWith('t03!') && /^\d+(\.\d+)?$/.test(seed.content.cells[k]))!;
    const respelled = structuredClone(seed.content);
    respelled.cells[key] = seed.content.cells[key].includes('.') ? seed.content.cells[key] + '000' : seed.content.cells[key] + '.00';
    expect(sign(respelled)).toBe(base);
  });

  it('changes with any entered figure, text or meta that matters', () => {
    const base = sign(seed.content);
    const moneyKey = Object.keys(seed.content.cells).find((k) => k.startsWith('t03!') && k.endsWith('!basic'))!;
    const changed = structuredClone(seed.content);
    changed.cells[moneyKey] = String(Number(seed.content.cells[moneyKey]) + 0.01);
    expect(sign(changed)).not.toBe(base);
    const textKey = Object.keys(seed.content.cells).find((k) => k.startsWith('indicators!') && k.endsWith('!description'))!;
    const renamed = structuredClone(seed.content);
    renamed.cells[textKey] += '（改）';
    expect(sign(renamed)).not.toBe(base);
    expect(sign(seed.content, { ...seed.meta, year: seed.meta.year + 1 })).not.toBe(base);
    expect(sign(seed.content, { ...seed.meta, unitCode: '436' })).not.toBe(base);
  });

  it('signs a default option chosen explicitly like the blank it stands for, and another option apart', () => {
    const base = sign(seed.content);
    const project = seed.content.rows.projects[0];
    const withDefault = structuredClone(seed.content);
    withDefault.cells[`projects!${project}!spending`] = '项目支出';
    expect(sign(withDefault)).toBe(base);
    withDefault.cells[`projects!${project}!spending`] = '基本支出';
    expect(sign(withDefault)).not.toBe(base);
  });

  it('does not depend on generated record ids (a workbook read back gets new ones)', () => {
    const base = sign(seed.content);
    const renumbered = structuredClone(seed.content);
    const rename = (id: string): string => `x-${id}`;
    renumbered.rows.projects = seed.content.rows.projects.map(rename);
    renumbered.rows.indicators = seed.content.rows.indicators.map(rename);
    renumbered.cells = {};
    for (const [key, value] of Object.entries(seed.content.cells)) {
      const [t, r, c] = key.split('!');
      const listed = t === 'projects' || t === 'indicators';
      const v = t === 'indicators' && c === 'project' ? rename(value) : value;
      renumbered.cells[`${t}!${listed ? rename(r) : r}!${c}`] = v;
    }
    expect(sign(renumbered)).toBe(base);
    // ...but moving an indicator to another project is a change.
    const moved = structuredClone(renumbered);
    const projKey = Object.keys(moved.cells).find((k) => k.startsWith('indicators!') && k.endsWith('!project'))!;
    moved.cells[projKey] = renumbered.rows.projects[1] === moved.cells[projKey] ? renumbered.rows.projects[0] : renumbered.rows.projects[1];
    expect(sign(moved)).not.toBe(base);
  });

  it('leaves out what is not published and what is derived; the full-content text keeps everything', () => {
    const base = sign(seed.content);
    const withPrior = structuredClone(seed.content);
    withPrior.cells['py!basic!prior'] = '1.23';
    expect(sign(withPrior)).toBe(base);
    expect(canonicalFullContent(seed.meta, withPrior)).not.toBe(canonicalFullContent(seed.meta, seed.content));
    const withDerived = structuredClone(seed.content);
    withDerived.cells['t03!total!total'] = '12345';
    expect(sign(withDerived)).toBe(base);
  });
});
