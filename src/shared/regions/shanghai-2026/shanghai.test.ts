import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedDictionaries } from '../../../main/dictionary';
import type { Dictionaries } from '../../dictionary';
import { cellKey, type DraftContent } from '../../draft';
import { DraftModel } from '../../engine/model';
import { toFixedString } from '../../money';
import { createFindingEngine } from '../../validation';
import { getTemplate } from '..';

/**
 * The 上海 2026 packs: a small budget of each scope entered as a clerk would (项 rows of the
 * coded tables, the “三公” row) derives its 收支总表 and 财政拨款收支总表, and is clean; one
 * wrong figure is found.
 */

let dictionaries: Dictionaries;
beforeAll(() => {
  dictionaries = loadShippedDictionaries();
});

/** 2040601 行政运行 and 2080505 养老保险缴费 paid from the general budget; 2050202 小学教育 partly from 事业收入. */
function sampleContent(scope: 'department' | 'unit'): DraftContent {
  const cells: Record<string, string> = {
    'income!2040601!fiscal': '1200000',
    'income!2080505!fiscal': '80000.5',
    'income!2050202!fiscal': '300000',
    'income!2050202!business': '50000',
    'spending!2040601!basic': '1000000',
    'spending!2040601!project': '200000',
    'spending!2080505!basic': '80000.5',
    'spending!2050202!basic': '350000',
    'generalSpending!2040601!basic': '1000000',
    'generalSpending!2040601!project': '200000',
    'generalSpending!2080505!basic': '80000.5',
    'generalSpending!2050202!basic': '300000',
    'basicEconomic!30101!personnel': '900000',
    'basicEconomic!30108!personnel': '80000.5',
    'basicEconomic!30201!public': '400000',
    'threePublic!amount!abroad': '1.5',
    'threePublic!amount!reception': '2',
    'threePublic!amount!vehicleRunning': '3.25',
    'threePublic!amount!operatingCost': '40',
    // The words only the clerk can write (a 提示 while missing).
    'narrative!functions!lead': '主要职能包括：法治建设、法律服务。',
  };
  if (scope === 'unit') {
    Object.assign(cells, {
      'narrative!organisation!lead': '本单位设办公室、法治科两个内设机构。',
      'summary!c204!outPersonnel': '700000',
      'summary!c204!outPublic': '300000',
      'summary!c205!outPersonnel': '280000',
      'summary!c205!outPublic': '70000',
      'summary!c208!outPersonnel': '80000.5',
    });
  }
  return {
    rows: {
      income: ['2040601', '2080505', '2050202'],
      spending: ['2040601', '2080505', '2050202'],
      generalSpending: ['2040601', '2080505', '2050202'],
      basicEconomic: ['30101', '30108', '30201'],
    },
    cells,
  };
}

for (const scope of ['department', 'unit'] as const) {
  describe(`上海 2026 ${scope === 'unit' ? '单位' : '部门'}预算`, () => {
    const template = getTemplate(`shanghai-2026-${scope}`, 2026);
    const model = () => new DraftModel(template, sampleContent(scope));
    const fixed = (m: DraftModel, t: string, r: string, c: string) => toFixedString(m.value(t, r, c) ?? 0);

    it('derives the summary tables from the entered rows, in 元', () => {
      const m = model();
      expect(fixed(m, 'income', '204', 'total')).toBe('1200000.00');
      expect(fixed(m, 'income', 'total', 'total')).toBe('1630000.50');
      expect(fixed(m, 'summary', 'inGeneral', 'inAmount')).toBe('1580000.50');
      expect(fixed(m, 'summary', 'inFiscal', 'inAmount')).toBe('1580000.50');
      expect(fixed(m, 'summary', 'inBusiness', 'inAmount')).toBe('50000.00');
      expect(fixed(m, 'summary', 'grandTotal', 'inAmount')).toBe('1630000.50');
      expect(fixed(m, 'fiscalSummary', 'c204', 'outGeneral')).toBe('1200000.00');
      expect(fixed(m, 'fiscalSummary', 'grandTotal', 'outTotal')).toBe('1580000.50');
      expect(fixed(m, 'threePublic', 'amount', 'vehicle')).toBe('3.25');
      expect(fixed(m, 'threePublic', 'amount', 'total')).toBe('6.75');
      expect(fixed(m, 'priorYear', 'threeTotal', 'current')).toBe('6.75');
      const spendingCol = scope === 'unit' ? 'outTotal' : 'outAmount';
      expect(fixed(m, 'summary', 'c205', spendingCol)).toBe('350000.00');
      expect(fixed(m, 'summary', 'grandTotal', spendingCol)).toBe('1630000.50');
    });

    it('is clean, and a wrong figure is found', () => {
      const m = model();
      const engine = createFindingEngine(template, dictionaries);
      const findings = engine.full(m);
      expect(findings.map((f) => `${f.id}: ${f.message}`)).toEqual([]);
      m.apply([{ key: cellKey('generalSpending', '2050202', 'basic'), value: '300001' }]);
      const broken = engine.full(m).filter((f) => f.severity === 'error');
      // One more 元 in 一般公共预算: income no longer meets spending, 收入总表 and 基本支出 disagree.
      expect(broken.map((f) => f.id.split('@')[0]).sort()).toEqual(['sh01-summary-balance', 'sh10-fiscal-income', 'sh11-basic-economic']);
    });
  });
}
