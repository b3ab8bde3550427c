import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { getTemplate } from '../regions';
import { diffContents } from './diff';
import { cellLabel } from './labels';
import { signOffLines, findFingerprint } from './signoff';

const seed = getSeed('juluxian-2024');
const template = getTemplate(seed.meta.templateId);

describe('diff of two versions', () => {
  it('is empty for the same content', () => {
    expect(diffContents(template, seed.content, structuredClone(seed.content))).toEqual([]);
  });

  it('lists each changed cell with table title, row code and name, column header, old and new', () => {
    const after = structuredClone(seed.content);
    const key = Object.keys(after.cells).find((k) => k.startsWith('t03!') && k.endsWith('!basic'))!;
    const [, code] = key.split('!');
    after.cells[key] = '1';
    after.cells['t12!vehicles!quantity'] = String(Number(seed.content.cells['t12!vehicles!quantity'] ?? 0) + 1);
    const projectName = `projects!${after.rows.projects[0]}!name`;
    const oldName = after.cells[projectName];
    delete after.cells[projectName];
    const changes = diffContents(template, seed.content, after);
    expect(changes.map((c) => c.key)).toEqual([key, `projects!${after.rows.projects[0]}!name`, 't12!vehicles!quantity']);
    expect(changes[0]).toMatchObject({
      tableTitle: '表3 支出总表',
      rowLabel: `${code} ${seed.content.cells[`t03!${code}!name`]}`,
      colLabel: '基本支出',
      oldValue: seed.content.cells[key],
      newValue: '1',
    });
    expect(changes[1]).toMatchObject({ rowLabel: `第1行（${oldName}）`, colLabel: '项目名称', oldValue: oldName, newValue: null });
    expect(changes[2]).toMatchObject({ rowLabel: '2、车辆（台、辆）', colLabel: '数量', oldValue: seed.content.cells['t12!vehicles!quantity'] ?? null });
  });
});

describe('where a cell is, in words', () => {
  it('names a row labelled on both sides by the side of the cell (表1 支出总计, not 收入总计)', () => {
    expect(cellLabel(template, 't01!grandTotal!outAmount', [seed.content])).toBe('表1 收支总表 · 支出总计 · 支出/预算数');
    expect(cellLabel(template, 't01!grandTotal!inAmount', [seed.content])).toBe('表1 收支总表 · 收入总计 · 收入/预算数');
  });
});

describe('sign-off lines for the export', () => {
  it('prints 已审签, the signer, the date and the fingerprint of a valid signature only', () => {
    const fp = 'a'.repeat(64);
    const sig = {
      id: 's', draftId: 'd', signerId: 'u', signer: '王主任', signedAt: '2026-03-05T08:00:00.000Z', fingerprint: fp, contentHash: fp,
      revision: 3, versionId: 'v', publicKey: null, signerKeyId: null, seal: null, state: 'valid' as const, voidedAt: null, voidReason: null,
    };
    const lines = signOffLines(sig);
    expect(lines.map((l) => l.value)).toEqual(['已审签', '王主任', '2026年3月5日', fp]);
    expect(findFingerprint(lines.map((l) => `${l.label}：${l.value}`).join('\n'))).toBe(fp);
    expect(signOffLines({ ...sig, state: 'void' })).toEqual([{ label: '部门主要负责人审签情况', value: '未审签' }]);
  });
});
