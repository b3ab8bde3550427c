import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dictionaries } from '../../shared/dictionary';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import { loadShippedDictionaries } from '../dictionary';
import { shanghaiBudget } from './__fixtures__/shanghai-budget';
import { exportWorkbook } from './export';

/**
 * 上海 exports: a 部门 and a 单位 draft filled with figures of our own (and a 部门 draft of
 * 2027) export as the template filled in: its sheets and their names, titles with the draft's
 * year, the information line, codes as 类 | 款 | 项 text, 合计 at the bottom, the side-by-side
 * 收支总表, 元 and the “三公” table in 万元.
 */

let dir: string;
let dictionaries: Dictionaries;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bd-shanghai-'));
  dictionaries = loadShippedDictionaries();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES = [
  { scope: 'department', year: 2026, unitName: '上海市普陀区测试局' },
  { scope: 'unit', year: 2026, unitName: '上海市普陀区测试中心' },
  { scope: 'department', year: 2027, unitName: '上海市普陀区测试局' },
] as const;

for (const { scope, year, unitName } of CASES) {
  describe(`上海 ${year} ${scope === 'unit' ? '单位' : '部门'}预算: export`, () => {
    const packId = `shanghai-2026-${scope}`;
    const template = getTemplate(packId, year);
    const content = shanghaiBudget(scope);
    let file: string;
    let wb: ExcelJS.Workbook;

    beforeAll(async () => {
      file = join(dir, `${scope}-${year}.xlsx`);
      const model = new DraftModel(template, content);
      await exportWorkbook(model, { unitCode: '', unitName, year }, file, { dictionaries });
      wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
    });

    it('has the template sheets, in its order, with the draft year in the titles', () => {
      const who = scope === 'unit' ? '单位' : '部门';
      const names = wb.worksheets.map((w) => w.name);
      expect(names).toEqual([
        '封面', '目录', scope === 'unit' ? '单位职能' : '部门主要职能', `${who}机构设置`, '名词解释', `${who}编制说明`,
        `${who}收支总表`, `${who}收入总表`, `${who}支出总表`, `${who}财政拨款收支总表`, `${who}一般公共预算拨款表`, `${who}政府性基金拨款表`,
        `${who}国有资本经营预算拨款表 `, `${who}一般公共预算拨款基本支出明细表`, `${who}“三公”经费和机关运行费预算表`, '其他相关情况说明',
        ...(scope === 'department' ? ['项目经费情况说明'] : []),
      ]);
      const titled = scope === 'unit' ? '预算单位' : '部门';
      expect(wb.getWorksheet(`${who}收入总表`)!.getCell('A1').value).toBe(`${year}年${titled}收入预算总表`);
      expect(wb.getWorksheet(`${who}编制说明`)!.getCell('A1').value).toBe(`${year}年${who}预算编制说明`);
      expect(wb.getWorksheet('封面')!.getCell('A3').value).toBe(`${year}年区级${who}预算`);
    });

    it('prints codes as 类 | 款 | 项 text, 合计 at the bottom, the information line, 元 and 万元', () => {
      const who = scope === 'unit' ? '单位' : '部门';
      const ws = wb.getWorksheet(`${who}收入总表`)!;
      expect(ws.getCell('A2').value).toBe(`编制${who}：${unitName}`);
      expect(ws.getCell('I2').value).toBe('单位：元');
      expect([ws.getCell('A4').value, ws.getCell('A5').value, ws.getCell('B5').value, ws.getCell('C5').value, ws.getCell('D4').value]).toEqual([
        '功能分类科目编码', '类', '款', '项', '功能分类科目名称',
      ]);
      const lines: string[][] = [];
      for (let r = 6; r <= ws.rowCount; r++) lines.push([1, 2, 3, 4].map((c) => String(ws.getCell(r, c).value ?? '')));
      expect(lines).toContainEqual(['205', '02', '02', '小学教育']);
      expect(lines).toContainEqual(['205', '02', '', '普通教育']);
      expect(lines).toContainEqual(['205', '', '', '教育支出']);
      expect(lines[lines.length - 1][0]).toBe('合计');
      expect(ws.getCell(ws.rowCount, 5).value).toBe(2015333.83);
      expect(ws.getCell(ws.rowCount, 5).numFmt).toBe('#,##0.00');
      const three = wb.getWorksheet(`${who}“三公”经费和机关运行费预算表`)!;
      expect(three.getCell('G2').value).toBe('单位：万元');
      expect([1, 2, 3, 4, 5, 6, 7].map((c) => three.getCell(6, c).value)).toEqual([6.66, 1.2, 2, 3.46, null, 3.46, 50]);
    });

    it('prints the 收支总表 side by side: income lines left, the classes that hold a figure numbered right, totals closing', () => {
      const who = scope === 'unit' ? '单位' : '部门';
      const ws = wb.getWorksheet(`${who}收支总表`)!;
      const first = scope === 'unit' ? 7 : 5;
      const at = (r: number, c: number) => ws.getCell(first + r, c).value;
      expect([at(0, 1), at(0, 2), at(0, 3)]).toEqual(['一、财政拨款收入', 1895333.33, '一、一般公共服务支出']);
      expect([at(1, 1), at(1, 3), at(2, 3), at(3, 3), at(4, 3), at(5, 3)]).toEqual([
        scope === 'unit' ? '1、一般公共预算' : '1. 一般公共预算', '二、教育支出', '三、社会保障和就业支出', '四、城乡社区支出', '五、国有资本经营预算支出', null,
      ]);
      const last = ws.rowCount;
      expect([ws.getCell(last, 1).value, ws.getCell(last, 2).value, ws.getCell(last, 3).value, ws.getCell(last, 4).value]).toEqual(['收入总计', 2015333.83, '支出总计', 2015333.83]);
      if (scope === 'unit') {
        expect([4, 5, 7].map((c) => ws.getCell(first - 2, c).value)).toEqual(['合计', '基本支出', '项目支出']);
        expect((ws.model as unknown as { merges: string[] }).merges).toContain('E5:F5');
        expect([4, 5, 6, 7].map((c) => at(0, c))).toEqual([1234567.89, 600000, 400000, 234567.89]);
      }
    });
  });
}
