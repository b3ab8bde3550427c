import type { CellRef } from '../../draft';
import { MICRO_PER_UNIT } from '../../money';
import { parseIndicatorValue } from '../../projects/indicator-value';
import type { ValueView } from '../types';
import { bodyRows, percent, type Generator } from './common';

/** Projects: spending plan and performance indicators (rule 7). */

export const planOrder: Generator<'planOrder'> = (check, view, ctx, only) =>
  bodyRows(view, check.table, only).map((rec) => {
    const refs = check.columns.map((col) => ({ table: check.table, row: rec, col }));
    return {
      anchor: ctx.key(check.table, rec, check.columns[0]),
      reads: [...refs.map((r) => ctx.key(r.table, r.row, r.col)), ...ctx.labels.labelKeys(check.table, rec)],
      evaluate: (v) => {
        let prev: CellRef | null = null;
        let prevValue = 0;
        for (const ref of refs) {
          const value = v.value(ref.table, ref.row, ref.col);
          if (value === null) continue;
          if (prev && value < prevValue) {
            const col = (r: CellRef) => `“${ctx.labels.column(r.table, r.col)}”`;
            return {
              cells: [prev, ref],
              message: `${ctx.labels.table(check.table)}${ctx.labels.rowPhrase(v, check.table, rec)}的资金支出计划${col(ref)}累计 ${percent(value)}，低于${col(prev)}的 ${percent(prevValue)}：累计支出进度不应下降。`,
              expected: `≥ ${percent(prevValue)}`,
              actual: percent(value),
            };
          }
          prev = ref;
          prevValue = value;
        }
        return null;
      },
    };
  });

export const planMax: Generator<'planMax'> = (check, view, ctx, only) => {
  const max = check.max * MICRO_PER_UNIT;
  const evaluate = (v: ValueView, at: CellRef) => {
    const value = v.value(at.table, at.row, at.col);
    if (value === null || value <= max) return null;
    return {
      cells: [at],
      message: `${ctx.labels.table(at.table)}${ctx.labels.rowPhrase(v, at.table, at.row)}的资金支出计划“${ctx.labels.column(at.table, at.col)}”为 ${percent(value)}，超过 ${check.max}%。`,
      expected: `≤ ${check.max}%`,
      actual: percent(value),
    };
  };
  return bodyRows(view, check.table, only).flatMap((rec) => {
    const labelKeys = ctx.labels.labelKeys(check.table, rec);
    return check.columns.map((col) => {
      const k = ctx.key(check.table, rec, col);
      return { anchor: k, reads: [k, ...labelKeys], data: { table: check.table, row: rec, col }, evaluate };
    });
  });
};

export const planFull: Generator<'planFull'> = (check, view, ctx, only) =>
  bodyRows(view, check.table, only).map((rec) => {
    const at = { table: check.table, row: rec, col: check.col };
    const target = check.value * MICRO_PER_UNIT;
    return {
      anchor: ctx.key(at.table, at.row, at.col),
      reads: [ctx.key(at.table, at.row, at.col), ...ctx.labels.labelKeys(check.table, rec)],
      evaluate: (v) => {
        const value = v.value(at.table, rec, at.col);
        if (value === target) return null;
        return {
          cells: [at],
          message: `${ctx.labels.table(check.table)}${ctx.labels.rowPhrase(v, check.table, rec)}的资金支出计划“${ctx.labels.column(check.table, check.col)}”应达到 ${check.value}%，现为 ${percent(value)}。`,
          expected: `${check.value}%`,
          actual: percent(value),
        };
      },
    };
  });

/** Records of a child list grouped by the parent record they name. */
function childrenByParent(view: ValueView, table: string, parentCol: string): ReadonlyMap<string, readonly string[]> {
  const groups = new Map<string, string[]>();
  for (const rec of bodyRows(view, table)) {
    const parent = view.text(table, rec, parentCol).trim();
    const list = groups.get(parent) ?? [];
    list.push(rec);
    groups.set(parent, list);
  }
  return groups;
}

export const childLevels: Generator<'childLevels'> = (check, view, ctx, only) => {
  const groups = ctx.grouped(check.table, check.parentCol) ?? childrenByParent(view, check.table, check.parentCol);
  const labelCol = ctx.labels.listLabelColumn(check.parent) ?? check.parentCol;
  const evaluate = (v: ValueView, d: { parent: string; kids: readonly string[]; level: string }) => {
    if (d.kids.some((k) => v.text(check.table, k, check.levelCol).trim() === d.level)) return null;
    return {
      cells: [{ table: check.parent, row: d.parent, col: labelCol }],
      message: `${ctx.labels.table(check.parent)}${ctx.labels.rowPhrase(v, check.parent, d.parent)}没有“${d.level}”：每个项目至少要有一项${d.level}。`,
    };
  };
  return bodyRows(view, check.parent, only).flatMap((parent) => {
    const kids = groups.get(parent) ?? [];
    const reads = [...kids.map((k) => ctx.key(check.table, k, check.levelCol)), ...ctx.labels.labelKeys(check.parent, parent)];
    return check.required.map((level) => ({ anchor: `${check.parent}!${parent}!${level}`, reads, data: { parent, kids, level }, evaluate }));
  });
};

/** Problems of a 指标值, memoized: the same few values recur over thousands of indicators. */
const problemMemo = new Map<string, string[]>();
function indicatorProblems(text: string): string[] {
  let problems = problemMemo.get(text);
  if (problems) return problems;
  const parsed = parseIndicatorValue(text);
  // A bare figure with its unit ("12 万") states the value exactly: read as "=".
  const implicitEqual = parsed.value.number !== null && parsed.value.unit !== '';
  problems = parsed.problems.filter((p) => !(implicitEqual && p.startsWith('缺少比较符')));
  if (problemMemo.size > 5000) problemMemo.clear();
  problemMemo.set(text, problems);
  return problems;
}

export const indicatorValue: Generator<'indicatorValue'> = (check, view, ctx, only) => {
  const evaluate = (v: ValueView, d: { at: CellRef; parent: string }) => {
    const text = v.text(d.at.table, d.at.row, d.at.col);
    const problems = indicatorProblems(text);
    if (!problems.length) return null;
    const owner = d.parent ? `${ctx.labels.rowPhrase(v, check.parent, d.parent)}的` : '';
    return {
      cells: [d.at],
      message: `${ctx.labels.table(check.parent)}${owner}绩效指标“${ctx.labels.row(v, check.table, d.at.row)}”的指标值“${text.trim()}”：${problems.join('；')}。指标值应由比较符、数值和计量单位组成，例如“≥95%”“≤4 万元”。`,
      actual: text.trim(),
    };
  };
  return bodyRows(view, check.table, only).map((rec) => {
    const k = ctx.key(check.table, rec, check.col);
    const parent = view.text(check.table, rec, check.parentCol).trim();
    return {
      anchor: k,
      reads: [k, ...ctx.labels.labelKeys(check.table, rec), ...ctx.labels.labelKeys(check.parent, parent)],
      data: { at: { table: check.table, row: rec, col: check.col }, parent },
      evaluate,
    };
  });
};
