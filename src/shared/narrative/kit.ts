import { cellKey, TOTAL_ROW } from '../draft';
import { rowByLine, tableByRole, type CellOperand, type TableDef, type TableRole, type Template, type UnitOfMeasure } from '../template/types';
import type { ValueView } from '../validation/types';
import type { NarrativePack } from './pack';
import { functionName, type CodeNames } from './lines';
import { placeholder as ph } from './placeholders';

/**
 * What a pack's section drafters work with: the figures as placeholders (so the text follows
 * the tables), found by key figure, table role and row line — the drafters of a pack may
 * also name their own tables' cells. Its methods read the context through `this`: call them
 * on it (`ctx.m(key)`), never taken off it (`const { m } = ctx`).
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
  m(key: string): string;
  /** The cell that holds a key figure: its 上年对比 row's 本年 cell where there is one. */
  fig(name: string): string;
  /** m(fig(name)). */
  mf(name: string): string;
  /** "增加 6.50万元" / "减少 …" / "持平" of a key figure against last year. */
  chg(name: string): string;
  table(role: TableRole): TableDef | undefined;
  has(role: TableRole): boolean;
  /** Cell key of a table found by role. */
  key(role: TableRole, row: string, col: string): string;
  /** Cell key of a fixed row found by its line. */
  lineKey(role: TableRole, line: string, col: string): string;
  /** Records (or coded rows) of a table, without its 合计 row. */
  records(role: TableRole): string[];
  text(role: TableRole, row: string, col: string): string;
  value(role: TableRole, row: string, col: string): number | null;
  lead(section: string): string;
  tail(section: string): string;
  filled(section: string, col: 'lead' | 'tail'): boolean;
  /** The section's lead words, the body and its tail words, each on its own line. */
  withLeadTail(section: string, body: string): string;
  /** Whether last year's figure of a key figure is entered. */
  priorEntered(name: string): boolean;
  /** The typed reason of a key figure's change, after `prefix`, or ''. */
  reason(name: string, prefix: string): string;
  /** Indicator records of a project. */
  indicatorsOf(project: string): string[];
  /** Name of a function code (the tables', the dictionary's, the 类 list's), '' when unknown. */
  codeName(code: string): string;
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

/** The cell a key figure's words are bound to in the text's labels: the figure's own cell, else its 上年对比 本年 cell. */
export function labelCell(template: Template, name: string): string | undefined {
  const own = template.figures[name];
  return own ? operandKey(own) : figureKey(template, name);
}

/**
 * A draft context and what it keeps for its methods. One object literal whose methods are
 * functions of the module: closures made per context, or a class instance, would take their
 * optimized code with them when the export's last context dies, and each export (it drafts
 * every section anew) would compile them again.
 */
interface Kit extends DraftContext {
  names: CodeNames | undefined;
  /** Tables by role, as found so far. */
  tables: Map<TableRole, TableDef | undefined>;
  narrative: string;
  priorYear: TableDef | undefined;
  /** Indicator records by project, made on the first call of indicatorsOf. */
  byProject: Map<string, string[]> | null;
}

export function draftContext(view: ValueView, template: Template, pack: NarrativePack, names?: CodeNames): DraftContext {
  const kit: Kit = {
    view,
    template,
    pack,
    year: template.year,
    unit: pack.unit,
    names,
    tables: new Map(),
    narrative: tableByRole(template, 'narrative')?.id ?? 'narrative',
    priorYear: tableByRole(template, 'priorYear'),
    byProject: null,
    m: moneyPlaceholder,
    fig: figureCell,
    mf: figureMoney,
    chg: figureChange,
    table: tableOfRole,
    has: hasTable,
    key: roleKey,
    lineKey: roleLineKey,
    records: roleRecords,
    text: roleText,
    value: roleValue,
    lead: leadPlaceholder,
    tail: tailPlaceholder,
    filled: sectionFilled,
    withLeadTail: sectionWithLeadTail,
    priorEntered: priorFigureEntered,
    reason: changeReason,
    indicatorsOf: projectIndicators,
    codeName: functionCodeName,
  };
  return kit;
}

function tableOfRole(this: Kit, role: TableRole): TableDef | undefined {
  if (!this.tables.has(role)) this.tables.set(role, tableByRole(this.template, role));
  return this.tables.get(role);
}

function roleId(kit: Kit, role: TableRole): string {
  return kit.table(role)?.id ?? role;
}

function hasTable(this: Kit, role: TableRole): boolean {
  return this.table(role) !== undefined;
}

function roleKey(this: Kit, role: TableRole, row: string, col: string): string {
  return cellKey(roleId(this, role), row, col);
}

function roleLineKey(this: Kit, role: TableRole, line: string, col: string): string {
  const t = this.table(role);
  const row = t ? rowByLine(t, line)?.id : undefined;
  return cellKey(roleId(this, role), row ?? line, col);
}

function roleRecords(this: Kit, role: TableRole): string[] {
  if (!this.table(role)) return [];
  const records: string[] = [];
  for (const r of this.view.rows(roleId(this, role))) if (r !== TOTAL_ROW) records.push(r);
  return records;
}

function roleText(this: Kit, role: TableRole, row: string, col: string): string {
  return this.table(role) ? this.view.text(roleId(this, role), row, col) : '';
}

function roleValue(this: Kit, role: TableRole, row: string, col: string): number | null {
  return this.table(role) ? this.view.value(roleId(this, role), row, col) : null;
}

function moneyPlaceholder(this: Kit, key: string): string {
  return `${ph(key)}${this.unit}`;
}

function figureCell(this: Kit, name: string): string {
  return figureKey(this.template, name) ?? cellKey('figure', name, 'missing');
}

function figureMoney(this: Kit, name: string): string {
  return this.m(this.fig(name));
}

function figureChange(this: Kit, name: string): string {
  const row = this.priorYear ? priorYearRow(this.template, name) : undefined;
  return this.priorYear && row ? ph(cellKey(this.priorYear.id, row, 'change'), 'chg') : '';
}

function sectionFilled(this: Kit, section: string, col: 'lead' | 'tail'): boolean {
  return this.view.text(this.narrative, section, col).trim() !== '';
}

function leadPlaceholder(this: Kit, section: string): string {
  return ph(cellKey(this.narrative, section, 'lead'), 'text');
}

function tailPlaceholder(this: Kit, section: string): string {
  return ph(cellKey(this.narrative, section, 'tail'), 'text');
}

function sectionWithLeadTail(this: Kit, section: string, body: string): string {
  const parts: string[] = [];
  if (this.filled(section, 'lead')) parts.push(this.lead(section));
  if (body) parts.push(body);
  if (this.filled(section, 'tail')) parts.push(this.tail(section));
  return parts.join('\n');
}

function priorFigureEntered(this: Kit, name: string): boolean {
  const row = this.priorYear ? priorYearRow(this.template, name) : undefined;
  return !!this.priorYear && !!row && this.view.value(this.priorYear.id, row, 'prior') !== null;
}

function changeReason(this: Kit, name: string, prefix: string): string {
  const py = this.priorYear;
  const row = priorYearRow(this.template, name);
  return py && row && this.view.text(py.id, row, 'reason').trim() ? `${prefix}${ph(cellKey(py.id, row, 'reason'), 'text')}` : '';
}

function projectIndicators(this: Kit, project: string): string[] {
  if (!this.byProject) {
    const byProject = new Map<string, string[]>();
    const parentCol = this.table('indicators')?.parent?.col ?? 'project';
    const indicators = roleId(this, 'indicators');
    for (const r of this.records('indicators')) {
      const p = this.view.text(indicators, r, parentCol);
      const list = byProject.get(p);
      if (list) list.push(r);
      else byProject.set(p, [r]);
    }
    this.byProject = byProject;
  }
  return this.byProject.get(project) ?? [];
}

function functionCodeName(this: Kit, code: string): string {
  return functionName(this.view, this.template, code, this.names);
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
