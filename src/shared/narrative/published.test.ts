import { describe, expect, it } from 'vitest';
import { checkSection, type TextIssue } from './checks';
import { describeCells, seedModel } from './__fixtures__/seed-model';
import { PUBLISHED_CASES, type PublishedCase } from './__fixtures__/published-sentences';

/** The issues of a sentence as the section's whole text, on the seed with the case's rows and cells. */
function issuesOf(c: PublishedCase, text: string): TextIssue[] {
  const model = seedModel();
  for (const [table, rows] of Object.entries(c.rows ?? {})) model.setRows(table, rows);
  const cells = { ...c.cells, [`narrative!${c.section}!text`]: text };
  model.apply(Object.entries(cells).map(([key, value]) => ({ key, value })));
  return checkSection(model, model.template, c.section, describeCells(model, model.template));
}

describe('sentences as published by provinces: right ones pass, one slip gives one finding', () => {
  for (const c of PUBLISHED_CASES) {
    describe(`${c.style} ${c.section}: ${c.right.slice(0, 30)}…`, () => {
      it('as published: no finding', () => {
        expect(issuesOf(c, c.right).map((i) => [i.check, i.snippet, i.message])).toEqual([]);
      });
      for (const w of c.wrong) {
        it(`with a slip: ${w.text.slice(0, 40)}…`, () => {
          const issues = issuesOf(c, w.text);
          expect(issues.map((i) => [i.check, i.tableCells])).toEqual([[w.check, w.cells]]);
          expect(issues[0].message).toContain(w.says);
        });
      }
    });
  }
});
