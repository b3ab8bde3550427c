import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { loadShippedDictionaries } from '../../main/dictionary';
import { DraftModel } from '../engine/model';
import type { Finding } from '../findings';
import { money } from '../money';
import { getTemplate } from '../regions';
import { changedKeysOf, createFindingEngine, StatedValues } from '.';

/**
 * Property: after any sequence of edits and batches (cells, names, 指标值, project funds and
 * codes, hand-written sections of the text, rows and records added and removed), the incrementally maintained findings equal a
 * full run of a fresh engine, the reported deltas turn the previous findings into the new
 * ones, and the model changed in place equals one built afresh.
 */

const template = getTemplate('hebei-2024');
const dictionaries = loadShippedDictionaries();

/** Small deterministic PRNG (mulberry32) so that a failure replays. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

/** Every formula of a model as text, sorted (terms in order, with their signs). */
const formulasOf = (m: DraftModel) =>
  m
    .allFormulas()
    .map((f) => `${f.target} = ${f.kind === 'sum' ? f.terms.map((t, i) => `${f.signs[i] < 0 ? '-' : '+'}${t}`).join(' ') : f.terms.join(' / ')}`)
    .sort();

const snapshot = (fs: Finding[]) => fs.map((f) => `${f.id} ${f.message}`).sort();

function applyDelta(before: Map<string, Finding>, delta: { added: Finding[]; resolved: string[] }) {
  for (const id of delta.resolved) before.delete(id);
  for (const f of delta.added) before.set(f.id, f);
  return before;
}

const AMOUNTS = ['', '0', '1', '2.5', '46', '100.01', '-3', '409.3'];
const PERCENTS = ['', '0', '25', '50', '75', '100', '120'];
const VALUES = ['≥95%', '≤4 万元', '12 月底前', '12 万', '较好', '', '≥12'];
const LEVEL1 = ['产出指标', '效益指标', '满意度指标', ''];
const FUND = ['一般公共预算', '政府性基金预算', '国有资本经营预算'];
const CODES = ['2010306', '2080501', '2101101', '2120101', '2010398', '20103'];
/** Hand-written sections: figures stated (right or wrong), placeholders of cells no label names, leftovers. */
const TEXTS = [
  '',
  '本部门2024年收入预算409.30万元，比上年增加12.00万元。',
  '政务公开审批{{t03!2010306!basic}}万元，其中职业年金缴费{{t06!30108!personnel}}万元，增长5%。',
  '“三公”经费预算{{t09!vehicleRunning!general}}万元，较上年持平。项目支出XX万元。',
  '机关运行经费46.80万元，比上年减少（增加）3.00万元，占比76.23。',
];
const EXTRA_ROWS: Record<string, string[]> = { t02: ['2130101', '2010350', '21301'], t03: ['2130101', '2019999', '20199'], t05: ['2010350'], t06: ['30217', '31002', '39999', '399'] };

describe('incremental validation equals a full run (draft edits)', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`random edit sequence ${seed}`, () => {
      const rnd = prng(seed);
      const model = new DraftModel(template, getSeed('juluxian-2024').content);
      const engine = createFindingEngine(template, dictionaries);
      let tracked = new Map(engine.full(model).map((f) => [f.id, f]));
      // Half the runs build the index ahead, as an opened draft does in idle time.
      if (seed % 2) engine.prepare();
      const entered = (t: string) => (model.content.rows[t] ?? []).filter((r) => r.length === (t === 't06' ? 5 : 7));
      const oneEdit = (): { key: string; value: string | null } => {
        switch (rnd.int(11)) {
          case 0:
            return { key: `t02!${rnd.pick(entered('t02'))}!${rnd.pick(['fiscal', 'business', 'carryOver'])}`, value: rnd.pick(AMOUNTS) };
          case 1:
            return { key: `t03!${rnd.pick(entered('t03'))}!${rnd.pick(['basic', 'operating'])}`, value: rnd.pick(AMOUNTS) };
          case 2:
            return { key: `t05!${rnd.pick(entered('t05'))}!basic`, value: rnd.pick(AMOUNTS) };
          case 3:
            return { key: `t06!${rnd.pick(entered('t06'))}!${rnd.pick(['personnel', 'public'])}`, value: rnd.pick(AMOUNTS) };
          case 4:
            return { key: `${rnd.pick(['t02', 't03', 't06'])}!${rnd.pick(entered('t03'))}!name`, value: rnd.pick(['', '政务公开审批', '住房公积金', '行政单位医疗 ']) };
          case 5: {
            const p = rnd.pick(model.content.rows.projects);
            const col = rnd.pick(['fiscal', 'otherFunds', 'plan03', 'plan06', 'plan12', 'fund', 'functionCode', 'name']);
            const value = col === 'fund' ? rnd.pick(FUND) : col === 'functionCode' ? rnd.pick(CODES) : col === 'name' ? `项目${rnd.int(9)}` : col.startsWith('plan') ? rnd.pick(PERCENTS) : rnd.pick(AMOUNTS);
            return { key: `projects!${p}!${col}`, value };
          }
          case 6: {
            const ind = rnd.pick(model.content.rows.indicators);
            const col = rnd.pick(['value', 'level1', 'project', 'level3']);
            const value = col === 'value' ? rnd.pick(VALUES) : col === 'level1' ? rnd.pick(LEVEL1) : col === 'project' ? rnd.pick(model.content.rows.projects) : `指标${rnd.int(5)}`;
            return { key: `indicators!${ind}!${col}`, value };
          }
          case 7:
            return { key: `t09!${rnd.pick(['vehicleRunning', 'reception', 'abroadOther', 'vehiclePurchase'])}!general`, value: rnd.pick(AMOUNTS) };
          case 9:
            return { key: `narrative!${rnd.pick(['s02', 's03', 's04', 's09'])}!text`, value: rnd.pick(TEXTS) };
          case 8:
            return { key: `t12!${rnd.pick(['vehicles', 'buildings', 'offices'])}!quantity`, value: rnd.pick(['', '0', '1', '500', '900']) };
          default:
            return { key: `t04!${rnd.pick(['balGeneral', 'balFund'])}!inAmount`, value: rnd.pick(AMOUNTS) };
        }
      };
      for (let step = 0; step < 60; step++) {
        let keys: string[];
        let structural: boolean;
        if (rnd.int(8) === 0) {
          // Rows added or removed: a structural change, with the cells of an added record.
          const table = rnd.pick([...Object.keys(EXTRA_ROWS), 'projects', 'indicators']);
          const rows = model.content.rows[table] ?? [];
          let list: string[];
          const cells: Array<{ key: string; value: string | null }> = [];
          if (table === 'projects') {
            const gone = rnd.int(2) === 0 && rows.length > 1 ? rnd.pick(rows) : null;
            const id = `rx${step}`;
            list = gone ? rows.filter((r) => r !== gone) : [...rows, id];
            // A record added with its figures and codes, or blank (its code typed later, case 5).
            if (!gone && rnd.int(3) > 0) cells.push({ key: `projects!${id}!fiscal`, value: rnd.pick(AMOUNTS) || null }, { key: `projects!${id}!functionCode`, value: rnd.pick(CODES) }, { key: `projects!${id}!fund`, value: rnd.pick(FUND) });
          } else if (table === 'indicators') {
            // An indicator added to a project (or to none), or one removed.
            const gone = rnd.int(2) === 0 && rows.length > 1 ? rnd.pick(rows) : null;
            const id = `ix${step}`;
            list = gone ? rows.filter((r) => r !== gone) : [...rows, id];
            if (!gone) {
              const project = rnd.int(5) === 0 ? '' : rnd.pick(model.content.rows.projects);
              cells.push({ key: `indicators!${id}!project`, value: project || null }, { key: `indicators!${id}!level1`, value: rnd.pick(LEVEL1) || null }, { key: `indicators!${id}!value`, value: rnd.pick(VALUES) || null });
            }
          } else {
            const code = rnd.pick(EXTRA_ROWS[table]);
            list = rows.includes(code) ? rows.filter((r) => r !== code) : [...rows, code];
          }
          const applied = model.applyWithRows(cells, { [table]: list });
          keys = changedKeysOf(cells, applied);
          structural = true;
        } else {
          // One edit, or a batch (paste, import, undo of a batch).
          const edits = Array.from({ length: rnd.int(3) === 0 ? 2 + rnd.int(6) : 1 }, oneEdit).map((e) => ({ key: e.key, value: e.value || null }));
          const applied = model.apply(edits);
          keys = changedKeysOf(edits, applied);
          structural = applied.structural;
        }
        // Changed in place (rows, regrouped records, figures): the same rows, figures and
        // formulas as a model built afresh.
        const fresh = new DraftModel(template, model.content);
        for (const t of template.tables) expect(model.rows(t.id), `${t.id} at step ${step}`).toEqual(fresh.rows(t.id));
        expect(new Map([...model.numericKeys()].map((k) => [k, model.valueByKey(k)])), `figures at step ${step}`).toEqual(new Map([...fresh.numericKeys()].map((k) => [k, fresh.valueByKey(k)])));
        expect(formulasOf(model), `formulas at step ${step}`).toEqual(formulasOf(fresh));
        const delta = engine.update(model, keys, structural);
        tracked = applyDelta(tracked, delta);
        const oracle = createFindingEngine(template, dictionaries).full(model);
        expect(snapshot(engine.current()), `step ${step}`).toEqual(snapshot(oracle));
        expect(snapshot([...tracked.values()]), `delta at step ${step}`).toEqual(snapshot(oracle));
      }
    });
  }
});

describe('incremental validation equals a full run (stated figures)', () => {
  it('random changes of printed figures and rows', () => {
    const rnd = prng(99);
    const view = StatedValues.copyOf(template, new DraftModel(template, getSeed('juluxian-2024').content));
    const engine = createFindingEngine(template, dictionaries);
    let tracked = new Map(engine.full(view).map((f) => [f.id, f]));
    const numericCells: string[] = [];
    for (const t of template.tables) {
      for (const row of view.rows(t.id)) {
        for (const c of t.columns) if (c.kind === 'money' || c.kind === 'quantity') numericCells.push(`${t.id}!${row}!${c.id}`);
      }
    }
    for (let step = 0; step < 150; step++) {
      if (rnd.int(6) === 0) {
        // A workbook's rows as printed: a code added or dropped, a parent without its child or
        // a child without its parent (no rows implied).
        const table = rnd.pick(Object.keys(EXTRA_ROWS).filter((t) => t !== 't05'));
        const code = rnd.pick([...EXTRA_ROWS[table], ...view.rows(table).filter((r) => r !== 'total')]);
        const rows = view.rows(table);
        view.setRows(table, rows.includes(code) ? rows.filter((r) => r !== code) : [...rows, code]);
        tracked = applyDelta(tracked, engine.update(view, [], true));
        const oracle = createFindingEngine(template, dictionaries).full(view);
        expect(snapshot(engine.current()), `rows at step ${step}`).toEqual(snapshot(oracle));
        expect(snapshot([...tracked.values()])).toEqual(snapshot(oracle));
        continue;
      }
      const keys = Array.from({ length: 1 + rnd.int(3) }, () => rnd.pick(numericCells));
      for (const key of keys) view.setValue(key, rnd.int(4) === 0 ? null : money(rnd.pick(['0', '0.01', '1', '46', '525.8', '-2'])));
      tracked = applyDelta(tracked, engine.update(view, keys, false));
      const oracle = createFindingEngine(template, dictionaries).full(view);
      expect(snapshot(engine.current()), `step ${step}`).toEqual(snapshot(oracle));
      expect(snapshot([...tracked.values()])).toEqual(snapshot(oracle));
    }
    expect(engine.current().length).toBeGreaterThan(10);
  });
});
