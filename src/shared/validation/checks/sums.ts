import { parseCellKey, TOTAL_ROW } from '../../draft';
import { formatMoney } from '../../money';
import { parentCode } from '../../engine/model';
import { describeOperand, describeTerms, operandCells, operandReads, operandRef, operandValue, sumTerms } from '../operands';
import type { Operand } from '../rule-types';
import type { ValueView } from '../types';
import { bodyRows, codedModel, decimalsFor, mismatch, nonBlank, sumKeys, valueAt, type Generator, type Spec } from './common';

/** A quantity as written: no trailing zeros (“900”, “12.5”). */
const plain = (x: number) => formatMoney(x, decimalsFor(x)).replace(/\.?0+$/, '');

/** Sums and equalities: rules 1–5, 8–15, 17 and the other in-table sums. */

export const rollup: Generator<'rollup'> = (check, view, ctx, only) => {
  const model = codedModel(ctx, check.table);
  if (!model) return [];
  const rows = new Set(view.rows(check.table));
  const deepest = Math.max(...model.levels);
  const children = new Map<string, string[]>([[TOTAL_ROW, []]]);
  for (const row of rows) {
    if (row === TOTAL_ROW) continue;
    const parent = row.length === model.levels[0] ? TOTAL_ROW : parentCode(row, model.levels);
    if (parent === null || !rows.has(parent)) continue; // an orphan: the parent rule reports it
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  const evaluate = (v: ValueView, d: { atKey: string; partKeys: string[]; kids: string[] }) => {
    const actual = valueAt(v, d.atKey);
    const expected = sumKeys(v, d.partKeys);
    if (actual === expected) return null;
    const at = parseCellKey(d.atKey);
    const words =
      at.row === TOTAL_ROW
        ? '各类级科目之和'
        : d.kids.length
          ? `其下级科目（${d.kids.join('、')}）之和`
          : '其下级科目之和（该行没有下级科目，金额应录在最末级科目上）';
    return mismatch(ctx, v, at, actual, expected, words, [at, ...nonBlank(v, d.partKeys)]);
  };
  const specs: Spec[] = [];
  for (const row of rows) {
    if ((row !== TOTAL_ROW && row.length >= deepest) || (only && !only(check.table, row))) continue;
    const kids = children.get(row) ?? [];
    for (const col of check.columns) {
      const atKey = ctx.key(check.table, row, col);
      const partKeys = kids.map((k) => ctx.key(check.table, k, col));
      specs.push({ anchor: atKey, reads: [atKey, ...partKeys], data: { atKey, partKeys, kids }, evaluate });
    }
  }
  return specs;
};

export const rowSum: Generator<'rowSum'> = (check, view, ctx, only) => {
  const isList = ctx.labels.tableDef(check.table)?.rows.kind === 'list';
  const rows = (check.rows ?? view.rows(check.table).filter((r) => !(isList && r === TOTAL_ROW))).filter((r) => !only || only(check.table, r));
  const words = `本行${check.parts.map((c) => `“${ctx.labels.column(check.table, c)}”`).join('、')}之和`;
  const evaluate = (v: ValueView, d: { atKey: string; partKeys: string[] }) => {
    const actual = valueAt(v, d.atKey);
    const expected = sumKeys(v, d.partKeys);
    if (actual === expected) return null;
    const at = parseCellKey(d.atKey);
    return mismatch(ctx, v, at, actual, expected, words, [at, ...nonBlank(v, d.partKeys)]);
  };
  return rows.map((row) => {
    const atKey = ctx.key(check.table, row, check.target);
    const partKeys = check.parts.map((col) => ctx.key(check.table, row, col));
    const reads = [atKey, ...partKeys];
    if (isList) reads.push(...ctx.labels.labelKeys(check.table, row));
    return { anchor: atKey, reads, data: { atKey, partKeys }, evaluate };
  });
};

export const equal: Generator<'equal'> = (check, _view, ctx) => {
  const seen = new Map<string, number>();
  return check.equations.map((eq) => {
    const at = operandRef(eq.left[0].of)!;
    let anchor = ctx.key(at.table, at.row, at.col);
    const n = seen.get(anchor) ?? 0;
    seen.set(anchor, n + 1);
    if (n) anchor += `#${n + 1}`;
    const operands: Operand[] = [...eq.left, ...eq.right].map((t) => t.of);
    const reads = operands.flatMap((op) => operandReads(ctx.key, op));
    for (const op of operands) {
      const ref = operandRef(op);
      if (ref && ref.row !== TOTAL_ROW) reads.push(...ctx.labels.labelKeys(ref.table, ref.row));
    }
    return {
      anchor,
      reads,
      evaluate: (v) => {
        const actual = sumTerms(v, eq.left, ctx.listSums);
        const expected = sumTerms(v, eq.right, ctx.listSums);
        if (actual === expected) return null;
        const cells = operands.flatMap((op) => operandCells(v, op));
        const body = mismatch(ctx, v, at, actual, expected, eq.rightLabel ?? describeTerms(v, ctx.labels, eq.right, at), cells.length ? cells : [at]);
        if (eq.left.length > 1) {
          // Several cells on the left: "X 与 Y、Z 之和为 …".
          const others = eq.left.slice(1).map((t) => describeOperand(v, ctx.labels, t.of, at));
          const place = ctx.labels.cell(v, at.table, at.row, at.col);
          body.message = body.message.replace(place, `${place}与${others.join('、')}之和`);
        }
        return body;
      },
    };
  });
};

export const classRows: Generator<'classRows'> = (check, _view, ctx) => {
  const model = ctx.labels.tableDef(check.table)?.rows;
  if (model?.kind !== 'fixed') return [];
  return model.rows
    .filter((r) => r.code)
    .map((r) => {
      const at = { table: check.table, row: r.id, col: check.col };
      const src = { table: check.source.table, row: r.code!, col: check.source.col };
      return {
        anchor: ctx.key(at.table, at.row, at.col),
        reads: [ctx.key(at.table, at.row, at.col), ctx.key(src.table, src.row, src.col)],
        evaluate: (v) => {
          const actual = v.value(at.table, at.row, at.col) ?? 0;
          const expected = v.value(src.table, src.row, src.col) ?? 0;
          if (actual === expected) return null;
          const words = `${ctx.labels.cell(v, src.table, src.row, src.col)}`;
          return mismatch(ctx, v, at, actual, expected, words, [at, src]);
        },
      };
    });
};

export const codeByCode: Generator<'codeByCode'> = (check, view, ctx, only) => {
  const codes = new Set([...view.rows(check.left.table), ...view.rows(check.right.table)].filter((code) => !only || only(check.left.table, code)));
  return [...codes].map((row) => {
    const at = { table: check.left.table, row, col: check.left.col };
    const other = { table: check.right.table, row, col: check.right.col };
    return {
      anchor: ctx.key(at.table, at.row, at.col),
      reads: [ctx.key(at.table, at.row, at.col), ctx.key(other.table, other.row, other.col)],
      evaluate: (v) => {
        const actual = v.value(at.table, row, at.col) ?? 0;
        const expected = v.value(other.table, row, other.col) ?? 0;
        if (actual === expected) return null;
        return mismatch(ctx, v, at, actual, expected, `${ctx.labels.cell(v, other.table, row, other.col)}`, [at, other]);
      },
    };
  });
};

/** Checked on the deepest rows only: a parent's figure is their sum (rule 3 checks that). */
export const onlyOn: Generator<'onlyOn'> = (check, view, ctx) => {
  const deepest = Math.max(...(codedModel(ctx, check.table)?.levels ?? [0]));
  return bodyRows(view, check.table)
    .filter((row) => row.length === deepest && !check.prefixes.some((p) => row.startsWith(p)))
    .map((row) => {
      const at = { table: check.table, row, col: check.col };
      return {
        anchor: ctx.key(at.table, at.row, at.col),
        reads: [ctx.key(at.table, at.row, at.col)],
        evaluate: (v) => {
          const actual = v.value(at.table, at.row, at.col) ?? 0;
          if (actual === 0) return null;
          const body = mismatch(ctx, v, at, actual, 0, '', [at]);
          body.message = `${ctx.labels.cell(v, at.table, row, at.col)}为 ${ctx.labels.money(actual)}：${check.meaning}只能列在 ${check.prefixes.join('、')} 类科目，此栏应为空。`;
          return body;
        },
      };
    });
};

export const notGreater: Generator<'notGreater'> = (check, _view, ctx) =>
  check.pairs.map((pair) => {
    const at = operandRef(pair.part)!;
    const whole = operandRef(pair.whole)!;
    return {
      anchor: ctx.key(at.table, at.row, at.col),
      reads: [...operandReads(ctx.key, pair.part), ...operandReads(ctx.key, pair.whole)],
      evaluate: (v) => {
        const part = operandValue(v, pair.part, ctx.listSums);
        const total = operandValue(v, pair.whole, ctx.listSums);
        if (part <= total) return null;
        const body = mismatch(ctx, v, at, part, total, '', [at, whole]);
        const figure = (x: number) => (ctx.labels.tableDef(at.table)?.columns.find((c) => c.id === at.col)?.kind === 'money' ? ctx.labels.money(x, decimalsFor(x)) : plain(x));
        body.message = `${ctx.labels.cell(v, at.table, at.row, at.col)}为 ${figure(part)}，大于${ctx.labels.rowPhrase(v, whole.table, whole.row, whole.col)}的 ${figure(total)}：${check.why ?? '“其中”项不能超过其所属项目。'}`;
        body.expected = `≤ ${plain(total)}`;
        body.actual = plain(part);
        body.difference = plain(part - total);
        return body;
      },
    };
  });

export const rowNotGreater: Generator<'rowNotGreater'> = (check, view, ctx, only) => {
  const isList = ctx.labels.tableDef(check.table)?.rows.kind === 'list';
  const evaluate = (v: ValueView, d: { partKey: string; wholeKey: string }) => {
    const part = valueAt(v, d.partKey);
    const whole = valueAt(v, d.wholeKey);
    if (part <= whole) return null;
    const at = parseCellKey(d.partKey);
    const of = parseCellKey(d.wholeKey);
    const body = mismatch(ctx, v, at, part, whole, '', [at, of]);
    body.message = `${ctx.labels.cell(v, at.table, at.row, at.col)}为 ${ctx.labels.money(part, decimalsFor(part))}，大于本行“${ctx.labels.column(of.table, of.col)}”的 ${ctx.labels.money(whole, decimalsFor(whole))}：${check.why}`;
    body.expected = `≤ ${plain(whole)}`;
    body.actual = plain(part);
    body.difference = plain(part - whole);
    return body;
  };
  return view.rows(check.table).filter((row) => !only || only(check.table, row)).map((row) => {
    const partKey = ctx.key(check.table, row, check.part);
    const wholeKey = ctx.key(check.table, row, check.whole);
    const reads = [partKey, wholeKey];
    if (isList) reads.push(...ctx.labels.labelKeys(check.table, row));
    return { anchor: partKey, reads, data: { partKey, wholeKey }, evaluate };
  });
};

export const zeroImplies: Generator<'zeroImplies'> = (check, _view, ctx) => {
  const when = operandRef(check.when)!;
  const then = operandRef(check.then)!;
  return [
    {
      anchor: ctx.key(then.table, then.row, then.col),
      reads: [...operandReads(ctx.key, check.when), ...operandReads(ctx.key, check.then)],
      evaluate: (v) => {
        const w = operandValue(v, check.when, ctx.listSums);
        const t = operandValue(v, check.then, ctx.listSums);
        if (w !== 0 || t === 0) return null;
        return {
          cells: [then, when],
          message: `${ctx.labels.cell(v, when.table, when.row, when.col)}为 0，但${ctx.labels.cell(v, then.table, then.row, then.col)}为 ${ctx.labels.money(t)}：${check.why}`,
          expected: formatMoney(0),
          actual: formatMoney(t),
          difference: formatMoney(t),
        };
      },
    },
  ];
};
