import type { Operand, RuleDef } from './rule-types';

/**
 * The cells a rule reads, as patterns (table, rows, column): what the dependency index is
 * built from, stated for people (the rule catalogue) and for tools. Rows: a row id, '*'
 * (every row), '类款' (the parent rows and 合计 of a coded table), '记录' (every record of a
 * list table), or '按代码' (the rows whose codes the rule names).
 */
export interface ReadPattern {
  table: string;
  rows: string;
  col: string;
}

function ofOperand(op: Operand): ReadPattern[] {
  if ('cell' in op) return [{ table: op.cell.table, rows: op.cell.row, col: op.cell.col }];
  if ('total' in op) return [{ table: op.total.table, rows: 'total', col: op.total.col }];
  if ('code' in op) return [{ table: op.code.table, rows: op.code.code, col: op.code.col }];
  const where = [op.list.where, op.list.except].filter((w) => w !== undefined).map((w) => ({ table: op.list.table, rows: '记录', col: w.col }));
  return [{ table: op.list.table, rows: '记录', col: op.list.col }, ...where];
}

export function readPatterns(rule: RuleDef): ReadPattern[] {
  const c = rule.check;
  const all = (table: string, cols: string[], rows = '*') => cols.map((col) => ({ table, rows, col }));
  let out: ReadPattern[];
  switch (c.kind) {
    case 'rollup':
      out = all(c.table, c.columns);
      break;
    case 'rowSum':
      out = all(c.table, [c.target, ...c.parts], c.rows ? c.rows.join('、') : '*');
      break;
    case 'equal':
      out = c.equations.flatMap((e) => [...e.left, ...e.right].flatMap((t) => ofOperand(t.of)));
      break;
    case 'classRows':
      out = [{ table: c.table, rows: '类', col: c.col }, { table: c.source.table, rows: '类', col: c.source.col }];
      break;
    case 'codeByCode':
      out = [{ table: c.left.table, rows: '*', col: c.left.col }, { table: c.right.table, rows: '*', col: c.right.col }];
      break;
    case 'onlyOn':
      out = [{ table: c.table, rows: `非 ${c.prefixes.join('、')}`, col: c.col }];
      break;
    case 'codeKnown':
    case 'codeParent':
      out = c.tables.map((table) => ({ table, rows: '*', col: 'code' }));
      break;
    case 'codeName':
      out = c.tables.map((table) => ({ table, rows: '*', col: 'name' }));
      break;
    case 'recordCode':
      out = [{ table: c.table, rows: '记录', col: c.col }];
      break;
    case 'planOrder':
    case 'planMax':
      out = all(c.table, c.columns, '记录');
      break;
    case 'planFull':
      out = [{ table: c.table, rows: '记录', col: c.col }];
      break;
    case 'childLevels':
      out = [{ table: c.table, rows: '记录', col: c.levelCol }, { table: c.table, rows: '记录', col: c.parentCol }];
      break;
    case 'indicatorValue':
      out = [{ table: c.table, rows: '记录', col: c.col }];
      break;
    case 'notGreater':
      out = c.pairs.flatMap((p) => [...ofOperand(p.part), ...ofOperand(p.whole)]);
      break;
    case 'rowNotGreater':
      out = all(c.table, [c.part, c.whole], '*');
      break;
    case 'zeroImplies':
      out = [...ofOperand(c.when), ...ofOperand(c.then)];
      break;
    case 'custom':
      out = [];
      break;
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    const k = `${p.table}!${p.rows}!${p.col}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
