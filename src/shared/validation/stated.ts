import { cellKey, parseCellKey } from '../draft';
import type { Template } from '../template/types';
import type { Micro } from '../money';
import type { ValueView } from './types';

/**
 * A budget as stated: rows, figures and texts exactly as given (an imported workbook's
 * printed totals, a pasted table), nothing derived. Rules that hold by construction in a
 * draft can fail here.
 */
export class StatedValues implements ValueView {
  private readonly rowLists = new Map<string, string[]>();
  private readonly values = new Map<string, Micro>();
  private readonly texts = new Map<string, string>();

  /** Every cell of every table of `view` as it reads now (derived figures become stated ones). */
  static copyOf(template: Template, view: ValueView): StatedValues {
    const out = new StatedValues();
    for (const t of template.tables) {
      const rows = view.rows(t.id);
      out.setRows(t.id, rows);
      for (const row of rows) {
        for (const c of t.columns) {
          const v = view.value(t.id, row, c.id);
          if (v !== null) out.setValue(cellKey(t.id, row, c.id), v);
          const text = view.text(t.id, row, c.id);
          if (text) out.setText(cellKey(t.id, row, c.id), text);
        }
      }
    }
    return out;
  }

  rows(table: string): string[] {
    return this.rowLists.get(table) ?? [];
  }

  value(table: string, row: string, col: string): Micro | null {
    return this.values.get(cellKey(table, row, col)) ?? null;
  }

  valueByKey(key: string): Micro | null {
    return this.values.get(key) ?? null;
  }

  text(table: string, row: string, col: string): string {
    return this.texts.get(cellKey(table, row, col)) ?? '';
  }

  setRows(table: string, rows: string[]): void {
    this.rowLists.set(table, [...rows]);
  }

  setValue(key: string, value: Micro | null): void {
    if (value === null) this.values.delete(key);
    else this.values.set(key, value);
  }

  setText(key: string, text: string): void {
    if (text === '') this.texts.delete(key);
    else this.texts.set(key, text);
  }

  /** Remove a row and its cells (a row a workbook does not have). */
  removeRow(table: string, row: string): void {
    this.setRows(table, this.rows(table).filter((r) => r !== row));
    for (const map of [this.values, this.texts]) {
      for (const key of [...map.keys()]) {
        const ref = parseCellKey(key);
        if (ref.table === table && ref.row === row) map.delete(key);
      }
    }
  }
}
