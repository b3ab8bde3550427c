import { parseCellKey, type CellRef } from '../../draft';
import type { Severity } from '../../findings';
import { missingReasons, reviewSeverity, type NarrativeCheckId, type TextIssue } from '../../narrative/checks';
import type { ReviewCheckId } from '../../narrative/review';
import { narrativePackOf, narrativeTable, textUnit } from '../../narrative/draft';
import { NarrativeMemo } from '../../narrative/memo';
import { FISCAL_ROLES, reasonLines } from '../../narrative/lines';
import { fmt } from '../../narrative/scan';
import { operandKey } from '../../narrative/kit';
import { PLACEHOLDER } from '../../narrative/placeholders';
import { BASIS_COL, REASON_COL, staleReason } from '../../narrative/reason-basis';
import { tableByRole, type TableRole, type Template } from '../../template/types';
import type { CustomInstance, FindingBody, RuleContext, RuleDef } from '../rule-types';
import type { ValueView } from '../types';

/**
 * Rules 15 (text side) and 16: the figures of the 情况说明 against the tables. Each rule gives
 * at most one finding for the whole text, listing every place (section and words) and
 * pointing at each narrative cell and table cell concerned. The checks themselves are in
 * src/shared/narrative/checks.ts.
 */

/**
 * What the clerk's words are checked against (see CheckScope in narrative/checks): the words
 * themselves, the 上年对比 table and the lines' notes, the names and totals of the spending
 * tables (subjects named in the text, items listed), the cells the labels name, and the cells
 * placeholders of hand-written sections refer to. Tables are read by whole columns (row
 * '*'), so the instances depend on the text alone (its placeholders), not on the rows there
 * are; a re-check costs little where the figures the words state did not move (NarrativeMemo).
 */
const READ_TABLES: Array<[role: TableRole, cols: string[] | 'all']> = [
  ['narrative', ['text', 'lead', 'tail']],
  ['priorYear', 'all'],
  ['lineNotes', 'all'],
  ['basicEconomic', ['name', 'total', 'public']],
  ['org', ['nature']],
  ['projects', ['name', 'amount']],
  ...[...FISCAL_ROLES, 'income' as const].map((role): [TableRole, string[]] => [role, ['name', 'total']]),
  // A 类's part of 基本支出 and 项目支出, in a sentence about them.
  ['spending', ['name', 'total', 'basic', 'project']],
];

/** The tables read, with the columns: the roles above, the pack's bound words' tables and those its statements speak of. */
function readTables(template: Template): Array<[table: string, cols: string[] | 'all']> {
  const out: Array<[string, string[] | 'all']> = [];
  for (const [role, cols] of READ_TABLES) {
    const t = tableByRole(template, role);
    if (t) out.push([t.id, cols]);
  }
  const pack = narrativePackOf(template);
  const words = pack?.words;
  const statements = [...(pack?.review.emptyStatements ?? []), ...(pack?.review.presentStatements ?? [])];
  for (const b of [...(words?.lines ?? []), ...(words?.rows ?? []), ...(words?.counts ? [words.counts] : []), ...statements]) {
    const t = tableByRole(template, b.role);
    if (t) out.push([t.id, [b.col]]);
  }
  return out;
}

/** The reads of the latest indexing, shared by the text rules, kept while the sections' texts are the same. */
const readsCache = new WeakMap<ValueView, { texts: string[]; reads: CellRef[] }>();

function readsOf(view: ValueView, template: Template): CellRef[] {
  const nt = narrativeTable(template) ?? '';
  const texts = template.narrative.map(({ id }) => view.text(nt, id, 'text'));
  const known = readsCache.get(view);
  if (known && known.texts.length === texts.length && known.texts.every((t, i) => t === texts[i])) return known.reads;
  const reads = collectReads(texts, template);
  readsCache.set(view, { texts, reads });
  return reads;
}

function collectReads(texts: string[], template: Template): CellRef[] {
  const refs: CellRef[] = [];
  const seen = new Set<string>();
  const add = (table: string, row: string, col: string) => {
    const key = `${table}!${row}!${col}`;
    if (seen.has(key)) return;
    seen.add(key);
    refs.push({ table, row, col });
  };
  for (const [table, cols] of readTables(template)) {
    const def = template.tables.find((t) => t.id === table);
    if (!def) continue;
    const columns = cols === 'all' ? def.columns.map((c) => c.id) : cols.filter((c) => def.columns.some((d) => d.id === c));
    for (const col of columns) add(table, '*', col);
  }
  for (const op of Object.values(template.figures)) {
    const { table, row, col } = parseCellKey(operandKey(op));
    add(table, row, col);
  }
  for (const text of texts) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const { table, row, col } = parseCellKey(m[1]);
      add(table, row, col);
    }
  }
  return refs;
}

/** The text's issues kept per engine (its context), between checks of its budget. */
const memos = new WeakMap<RuleContext, NarrativeMemo>();

/**
 * The issues of the whole text, computed once per checking pass and shared by the text rules
 * (they read the same cells, so a pass that re-checks one re-checks them all); only the
 * sections whose reads changed since the last pass are checked again (NarrativeMemo).
 */
function issuesOf(view: ValueView, ctx: RuleContext): TextIssue[] {
  return ctx.shared('narrative:issues', () => {
    let memo = memos.get(ctx);
    if (!memo) {
      memos.set(ctx, (memo = new NarrativeMemo(ctx.template, (v) => ctx.labels.describer(v))));
    }
    return memo.issues(view);
  });
}

function body(issues: TextIssue[]): FindingBody | null {
  if (!issues.length) return null;
  const keys = [...new Set(issues.flatMap((i) => [i.textCell, ...i.tableCells]))];
  return {
    cells: keys.map(parseCellKey),
    message: issues.length === 1 ? issues[0].message : `共 ${issues.length} 处：${issues.map((i) => i.message).join('；')}`,
    actual: issues.map((i) => i.snippet).join('；'),
  };
}

/** One instance per rule (anchor "text"); all rules share one computation of the issues. `textColumn`: the sections' text column. */
function textRuleOf(id: string, group: number, severity: Severity, check: NarrativeCheckId, title: string, textColumn: string[]): RuleDef {
  return {
    id,
    group,
    severity,
    title,
    check: {
      kind: 'custom',
      // Built from the sections' texts (their placeholders): an edit of a text builds them again.
      rowTables: [],
      groupBy: textColumn,
      instances: (view, ctx): CustomInstance[] => {
        if (!narrativeTable(ctx.template)) return [];
        // Once per indexing pass for all the text rules (each would build the same signature).
        const reads = ctx.shared('narrative:reads', () => readsOf(view, ctx.template));
        return [
          {
            anchor: 'text',
            reads,
            evaluate: (v) => body(issuesOf(v, ctx).filter((i) => i.check === check && i.severity === severity)),
          },
        ];
      },
    },
  };
}

function reasonRule(): RuleDef {
  return {
    id: 'r16-text-reason',
    group: 16,
    severity: 'warning',
    title: '预算比上年有增减的，应说明增减原因',
    check: {
      kind: 'custom',
      rowTables: [],
      instances: (_view, ctx): CustomInstance[] => {
        const py = tableByRole(ctx.template, 'priorYear');
        if (!py || py.rows.kind !== 'fixed') return [];
        const rows = py.rows.rows.map((r) => r.id);
        return (['spendingTotal', 'threeTotal'] as const).map((row) => ({
          anchor: row,
          reads: rows.flatMap((r) => ['prior', 'current', 'reason'].map((col) => ({ table: py.id, row: r, col }))),
          evaluate: (v) => {
            const missing = missingReasons(v, ctx.template, row);
            return missing ? { cells: missing.cells.map(parseCellKey), message: missing.message } : null;
          },
        }));
      },
    },
  };
}

/** A reason written for another change than today's (the figures moved on since): check it still holds. */
function staleReasonRule(): RuleDef {
  return {
    id: 'r16-text-stale-reason',
    group: 16,
    severity: 'warning',
    title: '增减原因写成后数字又有变化的，核对原因是否仍然成立',
    check: {
      kind: 'custom',
      rowTables: [],
      instances: (_view, ctx): CustomInstance[] => {
        const py = tableByRole(ctx.template, 'priorYear');
        if (!py || py.rows.kind !== 'fixed' || !py.columns.some((c) => c.id === BASIS_COL)) return [];
        return py.rows.rows.map((r) => ({
          anchor: r.id,
          reads: ['prior', 'current', REASON_COL, BASIS_COL].map((col) => ({ table: py.id, row: r.id, col })),
          evaluate: (v) => {
            const stale = staleReason(v, ctx.template, r.id);
            return stale ? { cells: stale.cells.map(parseCellKey), message: stale.message } : null;
          },
        }));
      },
    },
  };
}

/** The reviewers' checks (issue 17) as rules: their severities are the pack's (NarrativePack.review.severities). */
const REVIEW_RULES: Array<[id: string, check: ReviewCheckId, title: string]> = [
  ['r16-text-repeat', 'repeat', '同一事项在说明中只写一个金额'],
  ['r16-text-pair', 'pairChange', '同一句中的上年、本年数字与所写增减方向、增减额、增减率相符'],
  ['r16-text-year', 'year', '说明中的年度是本预算年度，比较的是上年'],
  ['r16-text-old-name', 'oldName', '说明中的科目名称与科目表一致（不用旧名称）'],
  ['r16-text-item', 'item', '说明中写明金额的科目与支出总表或财政拨款支出表一致'],
  ['r16-text-punctuation', 'punctuation', '标点规范：无重复标点，段末有句号，引号、括号成对，无重复字词'],
  ['r16-text-scope', 'scope', '部门预算写“本部门”，单位预算写“本单位”'],
  ['r16-text-empty-note', 'emptyNote', '说明“无……预算”的表确为空表'],
  ['r16-text-present-note', 'presentNote', '说明“已列入……预算”的表确有数字（与说明“无……预算”的部分不矛盾）'],
  ['r16-text-negative', 'negative', '说明中不写负数金额，占比不超过 100%'],
  ['r16-text-unit-count', 'unitCount', '说明中写明的单位个数与机构设置表一致'],
  ['r16-text-goals', 'goals', '说明中编报绩效目标的项目个数、金额与项目表一致'],
  ['r16-text-procurement-kind', 'procurementKind', '说明中政府采购的货物、工程、服务金额与政府采购预算表一致'],
];

/** The text rules of a template: severities of the reviewers' checks and of 逐条原因 from its pack. */
export function narrativeRules(template: Template): RuleDef[] {
  const pack = narrativePackOf(template);
  const nt = narrativeTable(template);
  const texts = nt ? [`${nt}!text`] : [];
  const textRule = (id: string, group: number, severity: Severity, check: NarrativeCheckId, title: string) => textRuleOf(id, group, severity, check, title, texts);
  return [
    textRule('r15-text-operating', 15, 'error', 'operatingCost', '情况说明中的机关运行经费 = 表6 公用经费合计（行政、参公单位）'),
    textRule('r16-text-figure', 16, 'error', 'figure', '情况说明中写明的金额与表中数字一致'),
    textRule('r16-text-change', 16, 'error', 'change', '情况说明中的增减额、增减率与上年、本年数字相符'),
    textRule('r16-text-share', 16, 'error', 'share', '情况说明中的占比（占……的 %）与表中数字相符'),
    textRule('r16-text-direction', 16, 'error', 'direction', '情况说明中的“增加”“减少”与实际增减方向一致'),
    textRule('r16-text-flat', 16, 'warning', 'direction', '与上年持平时写“持平”，不写“增加（减少）0.00 万元”'),
    textRule('r16-text-zero-base', 16, 'error', 'zeroBase', '上年为零时不写增长率'),
    textRule('r16-text-percent', 16, 'warning', 'percentSign', '比率写明百分号（%）'),
    textRule('r16-text-points', 16, 'warning', 'points', '金额的增减幅度写“%”，“个百分点”只用于占比、比率的增减'),
    textRule('r16-text-unit', 16, 'warning', 'unit', '金额单位与报表一致'),
    textRule('r16-text-placeholder', 16, 'error', 'placeholder', '情况说明中没有未替换的占位文字（XX、增加（减少）、【请填写】）'),
    textRule('r16-text-lead-missing', 16, 'warning', 'placeholder', '情况说明中只能由编制人写的文字（如主要职能）已填写'),
    ...REVIEW_RULES.map(([id, check, title]) => textRule(id, 16, reviewSeverity(pack, check), check, title)),
    reasonRule(),
    staleReasonRule(),
    lineReasonRule(template, pack?.review.severities?.reason ?? 'warning'),
  ];
}

/** Figures whose missing reason r16-text-reason already reports. */
const REASONED_ELSEWHERE = new Set(['spendingTotal', 'threeTotal']);

/**
 * 逐条原因: each main spending line of the text that changed by the pack's threshold or more
 * (or from zero) has its reason written (src/shared/narrative/lines). One finding per line.
 */
function lineReasonRule(template: Template, severity: Severity): RuleDef {
  // One instance per line: the pack's, the leaf codes of the fiscal spending tables and the lines' notes.
  const lineTables = [...FISCAL_ROLES, 'lineNotes' as const].flatMap((role) => tableByRole(template, role)?.id ?? []);
  return {
    id: 'r16-line-reason',
    group: 16,
    severity,
    title: '主要支出逐条说明：比上年增减达到规定比例（或上年为零）的，应写明原因',
    check: {
      kind: 'custom',
      rowTables: lineTables,
      instances: (view, ctx): CustomInstance[] => {
        const pack = narrativePackOf(ctx.template);
        if (!pack) return [];
        const names = (code: string) => ctx.dictionaries.function.get(code)?.name;
        const linesOf = (v: ValueView) => ctx.shared('narrative:lines', () => new Map(reasonLines(v, ctx.template, names).map((l) => [l.id, l])));
        const reads: CellRef[] = [];
        const py = tableByRole(ctx.template, 'priorYear');
        if (py) for (const col of ['prior', 'current', 'reason']) reads.push({ table: py.id, row: '*', col });
        const notes = tableByRole(ctx.template, 'lineNotes');
        if (notes) for (const col of ['prior', 'reason']) reads.push({ table: notes.id, row: '*', col });
        const ids = new Set(pack.review.reasonLines.filter((n) => !REASONED_ELSEWHERE.has(n)));
        if (notes) {
          for (const role of FISCAL_ROLES) {
            const t = tableByRole(ctx.template, role);
            if (!t || t.rows.kind !== 'coded') continue;
            reads.push({ table: t.id, row: '*', col: 'total' });
            const leaf = t.rows.levels[t.rows.levels.length - 1];
            for (const code of view.rows(t.id)) if (code.length === leaf) ids.add(code);
          }
          for (const code of view.rows(notes.id)) ids.add(code);
        }
        const unit = textUnit(ctx.template);
        const threshold = pack.review.reasonThreshold;
        return [...ids].map((id) => ({
          anchor: id,
          reads,
          evaluate: (v) => {
            const line = linesOf(v).get(id);
            if (!line || !line.needsReason || line.reason.trim()) return null;
            const change = line.current - (line.prior ?? 0);
            const how = line.prior === 0 ? '上年为零，本年新增' : `${change > 0 ? '增加' : '减少'} ${line.rate!.replace('-', '')}%`;
            return {
              cells: [line.reasonCell, line.priorCell, ...line.currentCells].map(parseCellKey),
              message:
                `“${line.label}”上年 ${fmt(line.prior ?? 0, unit)}，本年 ${fmt(line.current, unit)}，${how}` +
                `（变动达到 ${threshold}% 或上年为零的，须说明原因），尚未填写增减原因：请在“逐条原因”中填写。`,
            };
          },
        }));
      },
    },
  };
}

