import { cellKey, TOTAL_ROW } from '../draft';
import { rowByLine, tableByRole, type CellOperand, type TableDef, type TableRole, type Template, type UnitOfMeasure } from '../template/types';
import type { ValueView } from '../validation/types';
import type { NarrativePack } from './pack';
import { functionName, type CodeNames } from './lines';
import { placeholder as ph } from './placeholders';

/**
 * What a pack's section drafters work with: the figures as placeholders (so the text follows
 * the tables), found by key figure, table role and row line — the drafters of a pack may
 * also name their own tables' cells.
 */
export interface DraftContext {
  view: ValueView;
  template: Template;
  pack: NarrativePack;
  /** The draft's year (every year printed comes from it). */
  year: number;
  /** The text's unit of measure. */
  unit: UnitOfMeasure;
  /** Placeholder of a money cell with the text's unit ("{{t01!c201!inAmount}}万元"). */
  m: (key: string) => string;
  /** The cell that holds a key figure: its 上年对比 row's 本年 cell where there is one. */
  fig: (name: string) => string;
  /** m(fig(name)). */
  mf: (name: string) => string;
  /** "增加 6.50万元" / "减少 …" / "持平" of a key figure against last year. */
  chg: (name: string) => string;
  table: (role: TableRole) => TableDef | undefined;
  has: (role: TableRole) => boolean;
  /** Cell key of a table found by role. */
  key: (role: TableRole, row: string, col: string) => string;
  /** Cell key of a fixed row found by its line. */
  lineKey: (role: TableRole, line: string, col: string) => string;
  /** Records (or coded rows) of a table, without its 合计 row. */
  records: (role: TableRole) => string[];
  text: (role: TableRole, row: string, col: string) => string;
  value: (role: TableRole, row: string, col: string) => number | null;
  lead: (section: string) => string;
  tail: (section: string) => string;
  filled: (section: string, col: 'lead' | 'tail') => boolean;
  /** The section's lead words, the body and its tail words, each on its own line. */
  withLeadTail: (section: string, body: string) => string;
  /** Whether last year's figure of a key figure is entered. */
  priorEntered: (name: string) => boolean;
  /** The typed reason of a key figure's change, after `prefix`, or ''. */
  reason: (name: string, prefix: string) => string;
  /** Indicator records of a project. */
  indicatorsOf: (project: string) => string[];
  /** Name of a function code (the tables', the dictionary's, the 类 list's), '' when unknown. */
  codeName: (code: string) => string;
}

export const NEEDS_INPUT = (what: string) => `【请填写${what}】`;

/** The cell key an operand stands for (a 合计 row, a fixed cell, a coded row). */
export function operandKey(op: CellOperand): string {
  if ('cell' in op) return cellKey(op.cell.table, op.cell.row, op.cell.col);
  if ('total' in op) return cellKey(op.total.table, TOTAL_ROW, op.total.col);
  return cellKey(op.code.table, op.code.code, op.code.col);
}

/** The 上年对比 row of a key figure: rows are named by (or carry as line) the figure's name. */
export function priorYearRow(template: Template, name: string): string | undefined {
  const py = tableByRole(template, 'priorYear');
  if (py?.rows.kind !== 'fixed') return undefined;
  return py.rows.rows.find((r) => (r.line ?? r.id) === name)?.id;
}

/** The cell key of a key figure as the text binds it (its 上年对比 本年 cell, or the figure itself). */
export function figureKey(template: Template, name: string): string | undefined {
  const py = tableByRole(template, 'priorYear');
  const row = priorYearRow(template, name);
  if (py && row) return cellKey(py.id, row, 'current');
  const op = template.figures[name];
  return op ? operandKey(op) : undefined;
}

export function draftContext(view: ValueView, template: Template, pack: NarrativePack, names?: CodeNames): DraftContext {
  const unit = pack.unit;
  const tables = new Map<TableRole, TableDef | undefined>();
  const table = (role: TableRole) => {
    if (!tables.has(role)) tables.set(role, tableByRole(template, role));
    return tables.get(role);
  };
  const id = (role: TableRole) => table(role)?.id ?? role;
  const narrative = id('narrative');
  const py = table('priorYear');
  const records = (role: TableRole) => (table(role) ? view.rows(id(role)).filter((r) => r !== TOTAL_ROW) : []);
  const m = (key: string) => `${ph(key)}${unit}`;
  const fig = (name: string) => figureKey(template, name) ?? cellKey('figure', name, 'missing');
  const pyRow = (name: string) => priorYearRow(template, name);
  const filled = (s: string, col: 'lead' | 'tail') => view.text(narrative, s, col).trim() !== '';
  const lead = (s: string) => ph(cellKey(narrative, s, 'lead'), 'text');
  const tail = (s: string) => ph(cellKey(narrative, s, 'tail'), 'text');
  let byProject: Map<string, string[]> | null = null;
  const indicatorsOf = (project: string) => {
    if (!byProject) {
      byProject = new Map();
      const parentCol = table('indicators')?.parent?.col ?? 'project';
      for (const r of records('indicators')) {
        const p = view.text(id('indicators'), r, parentCol);
        const list = byProject.get(p);
        if (list) list.push(r);
        else byProject.set(p, [r]);
      }
    }
    return byProject.get(project) ?? [];
  };
  return {
    view,
    template,
    pack,
    year: template.year,
    unit,
    m,
    fig,
    mf: (name) => m(fig(name)),
    chg: (name) => (py && pyRow(name) ? ph(cellKey(py.id, pyRow(name)!, 'change'), 'chg') : ''),
    table,
    has: (role) => table(role) !== undefined,
    key: (role, row, col) => cellKey(id(role), row, col),
    lineKey: (role, line, col) => {
      const t = table(role);
      const row = t ? rowByLine(t, line)?.id : undefined;
      return cellKey(id(role), row ?? line, col);
    },
    records,
    text: (role, row, col) => (table(role) ? view.text(id(role), row, col) : ''),
    value: (role, row, col) => (table(role) ? view.value(id(role), row, col) : null),
    lead,
    tail,
    filled,
    withLeadTail: (s, body) => [filled(s, 'lead') ? lead(s) : '', body, filled(s, 'tail') ? tail(s) : ''].filter(Boolean).join('\n'),
    priorEntered: (name) => !!py && !!pyRow(name) && view.value(py.id, pyRow(name)!, 'prior') !== null,
    reason: (name, prefix) => {
      const row = pyRow(name);
      return py && row && view.text(py.id, row, 'reason').trim() ? `${prefix}${ph(cellKey(py.id, row, 'reason'), 'text')}` : '';
    },
    indicatorsOf,
    codeName: (code) => functionName(view, template, code, names),
  };
}

/** A free-text section: the clerk's words, or a standard sentence when the clerk wrote nothing. */
export const freeText =
  (fallback: string) =>
  (c: DraftContext, section: string): string =>
    [c.filled(section, 'lead') ? c.lead(section) : fallback, c.filled(section, 'tail') ? c.tail(section) : ''].filter(Boolean).join('\n');

const PAREN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
/** "(一)", "(二)" … for the i-th item. */
export const parenNumeral = (i: number) => `(${PAREN_NUMERALS[i] ?? String(i + 1)})`;

/** Whether the budget has an administrative (or 参公) unit: only those have 机关运行经费. */
export function hasExecutiveUnit(view: ValueView, template: Template): boolean {
  const org = tableByRole(template, 'org');
  if (!org) return true;
  const units = view.rows(org.id).filter((r) => r !== TOTAL_ROW);
  return units.length === 0 || units.some((r) => ['行政', '参公'].includes(view.text(org.id, r, 'nature').trim()));
}
