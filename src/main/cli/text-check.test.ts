import ExcelJS from 'exceljs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadShippedDictionaries } from '../dictionary';
import { importWorkbookFile } from '../excel/import';
import type { Finding } from '../../shared/findings';
import { getTemplate } from '../../shared/regions';
import { exportedSeedFolder, runCaptured } from '../test-support/cli';

/** Reading a workbook that carries its text (`check`, the import) runs the text rules on it too (issue 17). */

const folder = exportedSeedFolder('bd-cli-text-');

/** The exported seed with one section of its 情况说明 sheet rewritten. */
async function withSection(title: RegExp, text: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(folder.seedFile);
  const ws = wb.worksheets.find((w) => w.name.includes('情况说明'))!;
  let row = 0;
  ws.eachRow((r, n) => {
    if (title.test(String(r.getCell(1).value ?? ''))) row = n;
  });
  expect(row).toBeGreaterThan(0);
  ws.getCell(row, 2).value = text;
  const file = join(folder.dir, `text-${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('check reads the 情况说明 sheet', () => {
  it('a per-科目 amount the table contradicts and a wrong comparison year are findings naming the section and the words', async () => {
    const file = await withSection(/^三、/, '2024年，我部门机关运行经费与2022年相比有所增加，其中“政务公开审批”科目314.80万元。');
    const r = await runCaptured('check', file, '--json');
    expect(r.code, r.err).toBe(1);
    const [{ findings }] = JSON.parse(r.out) as Array<{ findings: Array<{ rule: string; message: string }> }>;
    const text = findings.filter((f) => f.rule.startsWith('r15-text') || f.rule.startsWith('r16-text'));
    const rule = (id: string) => text.find((f) => f.rule.startsWith(id))!;
    expect(text.map((f) => f.rule.split(' ')[0]).sort()).toEqual(['r16-text-item', 'r16-text-year']);
    expect(rule('r16-text-item').message).toContain('2010306 政务公开审批为 409.30 万元，文中为 314.80 万元');
    expect(rule('r16-text-year').message).toContain('三、机关运行经费安排情况');
    expect(rule('r16-text-year').message).toContain('比较的应是上年（2023年），文中为2022年');
  });

  it('a key figure the text states wrong is found although the workbook has no 上年对比 (it is not published): the finding points at the table the figure comes from', async () => {
    const file = await withSection(/^四、/, '2024年，我部门财政拨款“三公”经费预算安排2.00万元，与2023年相比持平。');
    const r = await runCaptured('check', file, '--json');
    expect(r.code, r.out).toBe(1);
    const [{ findings }] = JSON.parse(r.out) as Array<{ findings: Array<{ rule: string; message: string; cells: Array<{ table: string }> }> }>;
    const figure = findings.filter((f) => f.rule.startsWith('r16-text-figure'));
    expect(figure).toHaveLength(1);
    expect(figure[0].message).toContain('表9“部门预算财政拨款“三公”经费支出表”');
    expect(figure[0].message).toContain('为 1.00 万元，文中为 2.00 万元');
  });

  it('the same section put right is clean', async () => {
    const file = await withSection(/^三、/, '2024年，我部门机关运行经费共计安排46.80万元，主要用于办公费等日常运行支出。');
    const r = await runCaptured('check', file, '--json');
    expect(r.code, r.out).toBe(0);
  });
});

describe('the import reads the 上海 text sheets and runs the text rules on them', () => {
  const blank = resolve(__dirname, '../excel/__fixtures__/shanghai/unit-budget-template.xlsx');
  const unit = getTemplate('shanghai-2026-unit', 2026);
  const dictionaries = loadShippedDictionaries();
  /** The text findings, but the 提示 that the blank template's 主要职能 and 内设机构 are yet to be written. */
  const textFindings = (findings: Finding[]) => findings.filter((f) => /^r1[56]-(text|line)/.test(f.id) && !f.id.startsWith('r16-text-lead-missing'));

  /** The blank 单位 template with its 编制说明 sheet written. */
  async function withExplanation(text: string): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    const ws = wb.getWorksheet('单位编制说明')!;
    // The template's sample lines below (“1. “xx”科目x,xxx万元 …”) go: the text is the clerk's.
    ws.eachRow((row, n) => row.eachCell((cell) => void (n > 1 && (cell.value = null))));
    ws.getCell('A2').value = text;
    const file = join(folder.dir, `sh-${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }
  const read = (file: string) => importWorkbookFile(file, { readAs: unit, dictionaries });

  it('finds the text sheets; the blank template’s own sample text is not taken as written', async () => {
    const { plan } = await read(blank);
    expect(plan.tables.find((t) => t.title === '单位预算说明')?.sheets).toEqual(['单位职能', '单位机构设置', '名词解释', '单位编制说明', '其他相关情况说明']);
    expect(textFindings(plan.findings)).toEqual([]);
    // Its sample words are not the unit's: 主要职能 and 内设机构 are said to be missing, as a 提示.
    const missing = plan.findings.filter((f) => f.id.startsWith('r16-text-lead-missing'));
    expect(missing.map((f) => [f.severity, f.cells.map((c) => c.row)])).toEqual([['warning', ['functions', 'organisation']]]);
  });

  it('a written 编制说明 comparing with the wrong year and writing 本部门 in a 单位 budget is found; put right, it is clean', async () => {
    const { plan } = await read(await withExplanation('2026年，本部门收入预算0.00万元，与2024年预算相比持平。'));
    const found = textFindings(plan.findings);
    expect(found.map((f) => f.id).sort()).toEqual(['r16-text-scope@text', 'r16-text-year@text']);
    for (const f of found) expect(f.message).toContain('情况说明“单位预算编制说明”');
    expect(found.find((f) => f.id.startsWith('r16-text-year'))!.message).toContain('比较的应是上年（2025年），文中为2024年');
    const fixed = await read(await withExplanation('2026年，本单位收入预算0.00万元，与2025年预算相比持平。'));
    expect(textFindings(fixed.plan.findings)).toEqual([]);
  });
});
