import { foldName } from '../../dictionary';
import type { CellRef } from '../../draft';
import { parentCode } from '../../engine/model';
import type { RuleContext } from '../rule-types';
import type { ValueView } from '../types';
import { bodyRows, codedModel, type Generator } from './common';

/** Codes against the year's dictionary: rule 6. */

function dictionaryOf(ctx: RuleContext, table: string) {
  const model = codedModel(ctx, table);
  return model ? { model, dict: ctx.dictionaries[model.scheme] } : undefined;
}

const SCHEME_WORDS = { function: '支出功能分类科目', economic: '部门预算支出经济分类科目' } as const;

export const codeKnown: Generator<'codeKnown'> = (check, view, ctx, only) =>
  check.tables.flatMap((table) => {
    const d = dictionaryOf(ctx, table);
    if (!d) return [];
    const evaluate = (_v: ValueView, at: CellRef) => {
      const shaped = /^\d+$/.test(at.row) && d.model.levels.includes(at.row.length);
      if (shaped && d.dict.has(at.row)) return null;
      const why = shaped
        ? `不在 ${ctx.template.year} 年${SCHEME_WORDS[d.model.scheme]}中，请从科目表中选择`
        : `格式不对，应为 ${d.model.levels.join('、')} 位数字`;
      return { cells: [at], message: `${ctx.labels.table(table)}的科目编码“${at.row}”${why}。` };
    };
    return bodyRows(view, table, only).map((row) => ({ anchor: ctx.key(table, row, 'code'), reads: [], data: { table, row, col: 'code' }, evaluate }));
  });

export const codeName: Generator<'codeName'> = (check, view, ctx, only) =>
  check.tables.flatMap((table) => {
    const d = dictionaryOf(ctx, table);
    if (!d) return [];
    const evaluate = (v: ValueView, at: CellRef) => {
      const name = v.text(table, at.row, 'name').trim();
      const entry = name ? d.dict.get(at.row) : undefined;
      if (!entry || name === entry.name || foldName(name) === foldName(entry.name)) return null;
      return {
        cells: [at],
        message: `${ctx.labels.table(table)}科目 ${at.row} 的名称“${name}”与 ${ctx.template.year} 年科目表中的“${entry.name}”不一致（科目名称可能随年度调整，请核对）。`,
        expected: entry.name,
        actual: name,
      };
    };
    return bodyRows(view, table, only).map((row) => {
      const k = ctx.key(table, row, 'name');
      return { anchor: k, reads: [k], data: { table, row, col: 'name' }, evaluate };
    });
  });

const LEVEL_WORDS = ['类', '款', '项'];

export const codeParent: Generator<'codeParent'> = (check, view, ctx, only) =>
  check.tables.flatMap((table) => {
    const d = dictionaryOf(ctx, table);
    if (!d) return [];
    const level = (code: string) => LEVEL_WORDS[d.model.levels.indexOf(code.length)] ?? '';
    const evaluate = (v: ValueView, at: CellRef) => {
      const parent = parentCode(at.row, d.model.levels)!;
      if (ctx.shared(`rows!${table}`, () => new Set(v.rows(table))).has(parent)) return null;
      return {
        cells: [at],
        message: `${ctx.labels.table(table)}有${level(at.row)}级科目 ${at.row}，却没有它的上级${level(parent)}级科目 ${parent}：每个${level(at.row)}都应列在其${level(parent)}之下。`,
      };
    };
    return bodyRows(view, table, only)
      .filter((row) => d.model.levels.indexOf(row.length) > 0)
      .map((row) => ({ anchor: ctx.key(table, row, 'code'), reads: [], data: { table, row, col: 'code' }, evaluate }));
  });

export const recordCode: Generator<'recordCode'> = (check, view, ctx, only) =>
  bodyRows(view, check.table, only).map((rec) => {
    const at = { table: check.table, row: rec, col: check.col };
    return {
      anchor: ctx.key(at.table, at.row, at.col),
      reads: [ctx.key(at.table, at.row, at.col), ...ctx.labels.labelKeys(check.table, rec)],
      evaluate: (v) => {
        const code = v.text(at.table, rec, at.col).trim();
        const where = `${ctx.labels.table(check.table)}${ctx.labels.rowPhrase(v, check.table, rec)}的“${ctx.labels.column(check.table, check.col)}”`;
        let why: string | null = null;
        if (!code) why = '未填写';
        else if (!/^\d+$/.test(code) || code.length !== check.length) why = `“${code}”应为 ${check.length} 位的项级科目编码`;
        else if (!ctx.dictionaries[check.scheme].has(code)) why = `“${code}”不在 ${ctx.template.year} 年${SCHEME_WORDS[check.scheme]}中`;
        return why ? { cells: [at], message: `${where}${why}。`, actual: code } : null;
      },
    };
  });
