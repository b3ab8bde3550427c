import { tableByRole, type TableDef, type Template } from '../template/types';
import { rowSpanOf, sheetRowOf } from './place';
import { foldLabel, type UnitOfMeasure } from './text';
import { emptyRecord, importedRow, type GridCell, type ImportedRow, type ImportedTable, type SheetGrid, type SkippedRow } from './types';
import { cellText, isNumericCell, readCell } from './values';

/**
 * The 项目绩效目标表 of one project: a form (label, value) above an indicator grid.
 * The export writes it with PROJECT_LABELS; the import finds the same labels wherever they
 * stand, so hand-made sheets and the published document's layout read too.
 */

/** Form labels and the project column each one introduces (value to the right). */
export const PROJECT_LABELS: Array<{ label: string; col: string; aliases?: string[] }> = [
  { label: '项目编码', col: 'code' },
  { label: '项目名称', col: 'name' },
  { label: '功能分类科目编码', col: 'functionCode', aliases: ['功能分类科目', '支出功能分类科目'] },
  { label: '资金性质', col: 'fund' },
  { label: '支出类别', col: 'spending', aliases: ['支出类型', '项目支出类别'] },
  { label: '预算数', col: 'amount', aliases: ['预算数合计', '项目预算'] },
  { label: '其中：财政资金', col: 'fiscal', aliases: ['财政资金'] },
  { label: '其他资金', col: 'otherFunds' },
  { label: '资金用途', col: 'use', aliases: ['预算规模及资金用途'] },
  { label: '绩效目标', col: 'goals', aliases: ['年度绩效目标'] },
];

/** Spending plan: month labels with the cumulative percent in the cell below. */
export const PLAN_LABELS: Array<{ label: string; col: string }> = [
  { label: '3月底', col: 'plan03' },
  { label: '6月底', col: 'plan06' },
  { label: '10月底', col: 'plan10' },
  { label: '12月底', col: 'plan12' },
];

export const PLAN_TITLE = '资金支出计划（%）';

const labelToCol = new Map<string, string>();
for (const l of PROJECT_LABELS) for (const name of [l.label, ...(l.aliases ?? [])]) labelToCol.set(foldLabel(name), l.col);
const planToCol = new Map(PLAN_LABELS.map((p) => [foldLabel(p.label), p.col]));

function isFormLabel(text: string): boolean {
  const k = foldLabel(text);
  return labelToCol.has(k) || planToCol.has(k) || k === foldLabel(PLAN_TITLE);
}

/** Columns of an indicator row taken as written (the levels above carry down). */
const INDICATOR_TEXTS = ['level3', 'description', 'value', 'basis'];

/** "1.保障…\n2.保障…" → one goal per line without numbering. */
export function splitGoals(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^(?:\d+|[一二三四五六七八九十]+)[.、．)）]\s*/, '').trim())
    .filter((l) => l !== '');
}

export function parseProjectSheet(
  template: Template,
  grid: SheetGrid,
  titleRow: number,
  from: UnitOfMeasure,
  to: UnitOfMeasure,
  ordinal: number,
): ImportedTable[] | null {
  const projectsDef = tableByRole(template, 'projects');
  const indicatorsDef = tableByRole(template, 'indicators');
  if (!projectsDef || !indicatorsDef) return null;
  const rowId = `p${ordinal}`;
  const values = emptyRecord<string>();
  const skipped: SkippedRow[] = [];
  const rows = grid.rows;
  // The form ends where the indicator grid starts: at the row holding 一级指标.
  let gridRow = rows.length;
  const goals: string[] = [];
  let lastGoalText: string | null = null;
  for (let r = Math.max(0, titleRow + 1); r < rows.length; r++) {
    const row = rows[r] ?? [];
    // Labels are text: folding drops all white space, so the cell's own text folds alike.
    if (row.some(isLevel1Header)) {
      gridRow = r;
      break;
    }
    let before = '';
    for (let c = 0; c < row.length; c++) {
      // Labels are text (a figure is read beside one, never as one).
      const v = row[c]?.v;
      const text = typeof v === 'string' ? v.trim() : '';
      // Merged label cells repeat their text: act on the first cell of a run only.
      const repeated = text === before;
      before = text;
      if (!text || repeated) continue;
      const key = foldLabel(text);
      const planCol = planToCol.get(key);
      if (planCol) {
        readInto(values, skipped, projectsDef, planCol, rows[r + 1]?.[c] ?? null, sheetRowOf(grid, r + 1), from, to);
        continue;
      }
      const col = labelToCol.get(key);
      if (!col) continue;
      if (col === 'goals') {
        // Goals may stand one per row beside a vertically merged label; a merged text repeats.
        const goalText = valueRight(row, c, false);
        if (goalText && goalText !== lastGoalText) goals.push(...splitGoals(goalText));
        lastGoalText = goalText ?? lastGoalText;
        continue;
      }
      if (col === 'use') {
        const use = valueRight(row, c, false) ?? valueRight(rows[r + 1] ?? [], c, false);
        if (use && values.use === undefined) values.use = use;
        continue;
      }
      const def = projectsDef.columns.find((d) => d.id === col)!;
      const target = cellRight(row, c, def.kind !== 'text' && def.kind !== 'code');
      if (target !== null && values[col] === undefined) readInto(values, skipped, projectsDef, col, row[target], sheetRowOf(grid, r), from, to);
    }
  }
  if (goals.length) values.goals = goals.join('\n');
  if (values.code === undefined && values.name === undefined) return null;

  const projectRows: ImportedRow[] = [importedRow(sheetRowOf(grid, titleRow + 1), rowId, values)];
  const indicatorRows: ImportedRow[] = [];
  if (gridRow < rows.length) {
    const header = rows[gridRow] ?? [];
    const byLabel = new Map<string, string>();
    for (const d of indicatorsDef.columns) {
      const key = foldLabel(d.header[d.header.length - 1]);
      if (!byLabel.has(key)) byLabel.set(key, d.id);
    }
    const colIndex = new Map<string, number>();
    for (let i = 0; i < header.length; i++) {
      const id = byLabel.get(foldLabel(cellText(header[i])));
      if (id !== undefined && !colIndex.has(id)) colIndex.set(id, i);
    }
    let level1 = '';
    let level2 = '';
    let n = 0;
    const textsAt = INDICATOR_TEXTS.map((id) => colIndex.get(id));
    for (let r = gridRow + 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      if (row.every(isBlankCell)) continue;
      level1 = textAt(row, colIndex.get('level1')) || level1;
      level2 = textAt(row, colIndex.get('level2')) || level2;
      if (!textAt(row, colIndex.get('level3')) && !textAt(row, colIndex.get('value'))) {
        skipped.push({ sheetRow: sheetRowOf(grid, r), reason: '指标行没有三级指标和指标值' });
        continue;
      }
      const ind = emptyRecord<string>();
      ind.project = rowId;
      ind.level1 = level1;
      ind.level2 = level2;
      for (let k = 0; k < INDICATOR_TEXTS.length; k++) {
        const text = textAt(row, textsAt[k]);
        if (text) ind[INDICATOR_TEXTS[k]] = text;
      }
      indicatorRows.push(importedRow(sheetRowOf(grid, r), `${rowId}i${++n}`, ind));
    }
  }
  const title = cellText(rows[titleRow]?.find((c) => cellText(c))) || grid.name;
  const sheetRows = rowSpanOf(grid);
  return [
    { tableId: projectsDef.id, sheet: grid.name, sheetRows, title, unitOfMeasure: from, columns: [], rows: projectRows, skipped },
    { tableId: indicatorsDef.id, sheet: grid.name, sheetRows, title, unitOfMeasure: from, columns: [], rows: indicatorRows, skipped: [] },
  ];
}

/* The row loops' tests are functions of the module, not closures made per call (see parse.ts's RowReader). */

function isLevel1Header(c: GridCell | null): boolean {
  return typeof c?.v === 'string' && foldLabel(c.v) === '一级指标';
}

/** The text of a row's cell at column `index` of the indicator grid ('' where the grid has no such column). */
function textAt(row: Array<GridCell | null>, index: number | undefined): string {
  return index === undefined ? '' : cellText(row[index]);
}

function isBlankCell(c: GridCell | null): boolean {
  return cellText(c) === '';
}

/** A form field's cell read into the project's values (or its problem into skipped). */
function readInto(values: Record<string, string>, skipped: SkippedRow[], projects: TableDef, col: string, cell: GridCell | null | undefined, sheetRow: number, from: UnitOfMeasure, to: UnitOfMeasure): void {
  const def = projects.columns.find((d) => d.id === col)!;
  const read = readCell(cell, def.kind, from, to);
  if (!read.ok) skipped.push({ sheetRow, reason: `${def.header.join('/')}：${read.message}` });
  else if (read.text !== null) values[col] = read.text;
}

/** Index of the first non-empty cell right of c that is not itself a label (numeric only if asked). */
function cellRight(row: Array<{ v: string | number | null } | null>, c: number, numeric: boolean): number | null {
  const own = cellText(row[c]);
  for (let i = c + 1; i < row.length; i++) {
    const text = cellText(row[i]);
    if (!text || text === own) continue;
    if (isFormLabel(text)) return null;
    if (numeric && !isNumericCell(row[i])) continue;
    return i;
  }
  return null;
}

function valueRight(row: Array<{ v: string | number | null } | null>, c: number, numeric: boolean): string | null {
  const own = cellText(row[c]);
  for (let i = c + 1; i < row.length; i++) {
    const text = cellText(row[i]);
    if (!text || text === own) continue;
    if (isFormLabel(text) || (!numeric && isNumericCell(row[i]))) continue;
    return text;
  }
  return null;
}
