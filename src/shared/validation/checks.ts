import { foldName } from '../dictionary';
import { parseCellKey, TOTAL_ROW, type CellRef } from '../draft';
import { formatMoney, MICRO_PER_UNIT, type Micro } from '../money';
import { parseIndicatorValue } from '../projects/indicator-value';
import { parentCode } from '../engine/model';
import { describeOperand, describeTerms, operandCells, operandReads, operandRef, operandValue, sumTerms } from './operands';
import type { Check, FindingBody, Operand, RuleContext, RuleDef } from './rule-types';
import type { ValueView } from './types';

/**
 * Instances of rules: a rule applied at one anchor (a cell, a row, a project), with the
 * cell keys it reads and an evaluator. Instances are generated once per row set; the
 * engine re-evaluates an instance when one of its keys changes.
 */
export interface Instance {
  rule: RuleDef;
  anchor: string;
  reads: string[];
  /**
   * The instance's own figures, passed to `evaluate`: the generators of the many-instance
   * rules share one evaluator per rule instead of a closure per instance.
   */
  data?: unknown;
  evaluate: (view: ValueView, data: never) => FindingBody | null;
}

type Spec = Omit<Instance, 'rule'>;

/** A published figure may differ by one cent through rounding: say so, but still report it. */
const ROUNDING_RESIDUE = MICRO_PER_UNIT / 100;


/** "X 为 A，应等于 Y B，多/少 D" with the figures as fields. */
export function mismatch(ctx: RuleContext, view: ValueView, at: CellRef, actual: Micro, expected: Micro, expectedWords: string, cells: CellRef[]): FindingBody {
  const { labels } = ctx;
  const diff = actual - expected;
  const residue = Math.abs(diff) <= ROUNDING_RESIDUE ? '（可能是四舍五入尾差，仍须调整一致）' : '';
  return {
    cells,
    message:
      `${labels.cell(view, at.table, at.row, at.col)}为 ${labels.money(actual)}，应等于${expectedWords} ${labels.money(expected)}，` +
      `${diff > 0 ? '多' : '少'} ${labels.money(Math.abs(diff))}${residue}。`,
    expected: formatMoney(expected),
    actual: formatMoney(actual),
    difference: formatMoney(diff),
  };
}

const percent = (v: Micro | null) => (v === null ? '空' : `${formatMoney(v).replace(/\.?0+$/, '')}%`);

function bodyRows(view: ValueView, table: string): string[] {
  return view.rows(table).filter((r) => r !== TOTAL_ROW);
}

function codedModel(ctx: RuleContext, table: string) {
  const model = ctx.labels.tableDef(table)?.rows;
  return model?.kind === 'coded' ? model : undefined;
}

/** A cell's figure by key (blank = 0), through the view's fast path when it has one. */
export function valueAt(view: ValueView, k: string): Micro {
  if (view.valueByKey) return view.valueByKey(k) ?? 0;
  const r = parseCellKey(k);
  return view.value(r.table, r.row, r.col) ?? 0;
}

/** The cells of a sum a finding points at: those holding a figure. */
function nonBlank(view: ValueView, keys: string[]): CellRef[] {
  return keys.filter((k) => valueAt(view, k) !== 0).map(parseCellKey);
}

function sumKeys(view: ValueView, keys: string[]): Micro {
  let total = 0;
  for (const k of keys) total += valueAt(view, k);
  return total;
}

// ------------------------------------------------------------------ instance generators

type Generator<K extends Check['kind']> = (check: Extract<Check, { kind: K }>, view: ValueView, ctx: RuleContext) => Spec[];

const rollup: Generator<'rollup'> = (check, view, ctx) => {
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
    if (row !== TOTAL_ROW && row.length >= deepest) continue;
    const kids = children.get(row) ?? [];
    for (const col of check.columns) {
      const atKey = ctx.key(check.table, row, col);
      const partKeys = kids.map((k) => ctx.key(check.table, k, col));
      specs.push({ anchor: atKey, reads: [atKey, ...partKeys], data: { atKey, partKeys, kids }, evaluate });
    }
  }
  return specs;
};

const rowSum: Generator<'rowSum'> = (check, view, ctx) => {
  const isList = ctx.labels.tableDef(check.table)?.rows.kind === 'list';
  const rows = check.rows ?? view.rows(check.table).filter((r) => !(isList && r === TOTAL_ROW));
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

const equal: Generator<'equal'> = (check, view, ctx) => {
  const seen = new Map<string, number>();
  return check.equations.map((eq) => {
    const at = operandRef(eq.left[0].of)!;
    let anchor = ctx.key(at.table, at.row, at.col);
    const n = seen.get(anchor) ?? 0;
    seen.set(anchor, n + 1);
    if (n) anchor += `#${n + 1}`;
    const operands: Operand[] = [...eq.left, ...eq.right].map((t) => t.of);
    const reads = operands.flatMap((op) => operandReads(view, ctx.key, op));
    for (const op of operands) {
      const ref = operandRef(op);
      if (ref && ref.row !== TOTAL_ROW) reads.push(...ctx.labels.labelKeys(ref.table, ref.row));
    }
    return {
      anchor,
      reads,
      evaluate: (v) => {
        const actual = sumTerms(v, eq.left);
        const expected = sumTerms(v, eq.right);
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

const classRows: Generator<'classRows'> = (check, _view, ctx) => {
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

const codeByCode: Generator<'codeByCode'> = (check, view, ctx) => {
  const codes = new Set([...view.rows(check.left.table), ...view.rows(check.right.table)]);
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
const onlyOn: Generator<'onlyOn'> = (check, view, ctx) => {
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

function dictionaryOf(ctx: RuleContext, table: string) {
  const model = codedModel(ctx, table);
  return model ? { model, dict: ctx.dictionaries[model.scheme] } : undefined;
}

const SCHEME_WORDS = { function: '支出功能分类科目', economic: '部门预算支出经济分类科目' } as const;

const codeKnown: Generator<'codeKnown'> = (check, view, ctx) =>
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
    return bodyRows(view, table).map((row) => ({ anchor: ctx.key(table, row, 'code'), reads: [], data: { table, row, col: 'code' }, evaluate }));
  });

const codeName: Generator<'codeName'> = (check, view, ctx) =>
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
    return bodyRows(view, table).map((row) => {
      const k = ctx.key(table, row, 'name');
      return { anchor: k, reads: [k], data: { table, row, col: 'name' }, evaluate };
    });
  });

const LEVEL_WORDS = ['类', '款', '项'];

const codeParent: Generator<'codeParent'> = (check, view, ctx) =>
  check.tables.flatMap((table) => {
    const d = dictionaryOf(ctx, table);
    if (!d) return [];
    const rows = new Set(view.rows(table));
    const level = (code: string) => LEVEL_WORDS[d.model.levels.indexOf(code.length)] ?? '';
    const evaluate = (_v: ValueView, at: CellRef) => {
      const parent = parentCode(at.row, d.model.levels)!;
      if (rows.has(parent)) return null;
      return {
        cells: [at],
        message: `${ctx.labels.table(table)}有${level(at.row)}级科目 ${at.row}，却没有它的上级${level(parent)}级科目 ${parent}：每个${level(at.row)}都应列在其${level(parent)}之下。`,
      };
    };
    return bodyRows(view, table)
      .filter((row) => d.model.levels.indexOf(row.length) > 0)
      .map((row) => ({ anchor: ctx.key(table, row, 'code'), reads: [], data: { table, row, col: 'code' }, evaluate }));
  });

const recordCode: Generator<'recordCode'> = (check, view, ctx) =>
  bodyRows(view, check.table).map((rec) => {
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

const planOrder: Generator<'planOrder'> = (check, view, ctx) =>
  bodyRows(view, check.table).map((rec) => {
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

const planMax: Generator<'planMax'> = (check, view, ctx) => {
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
  return bodyRows(view, check.table).flatMap((rec) => {
    const labelKeys = ctx.labels.labelKeys(check.table, rec);
    return check.columns.map((col) => {
      const k = ctx.key(check.table, rec, col);
      return { anchor: k, reads: [k, ...labelKeys], data: { table: check.table, row: rec, col }, evaluate };
    });
  });
};

const planFull: Generator<'planFull'> = (check, view, ctx) =>
  bodyRows(view, check.table).map((rec) => {
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
function childrenByParent(view: ValueView, table: string, parentCol: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const rec of bodyRows(view, table)) {
    const parent = view.text(table, rec, parentCol).trim();
    const list = groups.get(parent) ?? [];
    list.push(rec);
    groups.set(parent, list);
  }
  return groups;
}

const childLevels: Generator<'childLevels'> = (check, view, ctx) => {
  const groups = childrenByParent(view, check.table, check.parentCol);
  const labelCol = ctx.labels.listLabelColumn(check.parent) ?? check.parentCol;
  const evaluate = (v: ValueView, d: { parent: string; kids: string[]; level: string }) => {
    if (d.kids.some((k) => v.text(check.table, k, check.levelCol).trim() === d.level)) return null;
    return {
      cells: [{ table: check.parent, row: d.parent, col: labelCol }],
      message: `${ctx.labels.table(check.parent)}${ctx.labels.rowPhrase(v, check.parent, d.parent)}没有“${d.level}”：每个项目至少要有一项${d.level}。`,
    };
  };
  return bodyRows(view, check.parent).flatMap((parent) => {
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

const indicatorValue: Generator<'indicatorValue'> = (check, view, ctx) => {
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
  return bodyRows(view, check.table).map((rec) => {
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

const notGreater: Generator<'notGreater'> = (check, view, ctx) => {
  const at = operandRef(check.part)!;
  const whole = operandRef(check.whole)!;
  return [
    {
      anchor: ctx.key(at.table, at.row, at.col),
      reads: [...operandReads(view, ctx.key, check.part), ...operandReads(view, ctx.key, check.whole)],
      evaluate: (v) => {
        const part = operandValue(v, check.part);
        const total = operandValue(v, check.whole);
        if (part <= total) return null;
        const body = mismatch(ctx, v, at, part, total, '', [at, whole]);
        body.message = `${ctx.labels.cell(v, at.table, at.row, at.col)}为 ${formatMoney(part)}，大于${ctx.labels.rowPhrase(v, whole.table, whole.row, whole.col)}的 ${formatMoney(total)}：“其中”项不能超过其所属项目。`;
        body.expected = `≤ ${formatMoney(total)}`;
        return body;
      },
    },
  ];
};

const zeroImplies: Generator<'zeroImplies'> = (check, view, ctx) => {
  const when = operandRef(check.when)!;
  const then = operandRef(check.then)!;
  return [
    {
      anchor: ctx.key(then.table, then.row, then.col),
      reads: [...operandReads(view, ctx.key, check.when), ...operandReads(view, ctx.key, check.then)],
      evaluate: (v) => {
        const w = operandValue(v, check.when);
        const t = operandValue(v, check.then);
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

const custom: Generator<'custom'> = (check, view, ctx) =>
  check.instances(view, ctx).map((inst) => ({ anchor: inst.anchor, reads: inst.reads.map((r) => ctx.key(r.table, r.row, r.col)), evaluate: inst.evaluate }));

const GENERATORS: { [K in Check['kind']]: Generator<K> } = {
  rollup,
  rowSum,
  equal,
  classRows,
  codeByCode,
  onlyOn,
  codeKnown,
  codeName,
  codeParent,
  recordCode,
  planOrder,
  planMax,
  planFull,
  childLevels,
  indicatorValue,
  notGreater,
  zeroImplies,
  custom,
};

export function instancesOf(rule: RuleDef, view: ValueView, ctx: RuleContext): Instance[] {
  const generate = GENERATORS[rule.check.kind] as Generator<Check['kind']>;
  const specs = generate(rule.check, view, ctx) as Instance[];
  for (const spec of specs) spec.rule = rule;
  return specs;
}

/** Columns whose edits regroup records (an indicator moved to another project): the engine re-indexes. */
export function groupingColumns(rule: RuleDef): string[] {
  const c = rule.check;
  if (c.kind === 'childLevels' || c.kind === 'indicatorValue') return [`${c.table}!${c.parentCol}`];
  if (c.kind === 'custom') return c.groupBy ?? [];
  return [];
}
