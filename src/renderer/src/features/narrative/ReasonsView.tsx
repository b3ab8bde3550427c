import { useEffect, useMemo, useRef } from 'react';
import type { CellEdit } from '../../../../shared/api';
import { parseCellKey } from '../../../../shared/draft';
import { toFixedString } from '../../../../shared/money';
import { narrativePackOf, textUnit } from '../../../../shared/narrative/draft';
import { lineSentence } from '../../../../shared/narrative/line-sentence';
import { reasonLines, type ReasonLine } from '../../../../shared/narrative/lines';
import { rowUnit, tableByRole } from '../../../../shared/template/types';
import { runChange } from '../projects/edit';
import { Field } from '../projects/Field';
import type { TableViewProps } from '../slots';
import { useCodeNames } from './code-names';

/**
 * 逐条原因 (reasons line by line): the text's main spending lines with last year's figure and
 * this year's; which need a reason (a change of the pack's threshold or more, or from zero)
 * and which lack one; the reason typed here goes into the sentence the text prints.
 */
export function ReasonsView(props: TableViewProps) {
  const { draft } = props;
  const names = useCodeNames(props);
  const lines = useMemo(
    // The per-科目 lines first: they are most of the text's spending lines.
    () => reasonLines(draft.model, draft.template, names).sort((a, b) => Number(a.kind === 'figure') - Number(b.kind === 'figure')),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [draft.model, draft.template, draft.version, names],
  );
  const pack = narrativePackOf(draft.template);
  const unit = textUnit(draft.template);
  const notes = tableByRole(draft.template, 'lineNotes');
  const lacking = lines.filter((l) => l.needsReason && !l.reason.trim()).length;
  // A finding was clicked: bring its line into view, its reason field focused.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const at = props.selected;
    if (!at) return;
    const line = lines.find((l) => l.reasonCell === `${at.table}!${at.row}!${at.col}` || l.priorCell === `${at.table}!${at.row}!${at.col}`);
    const el = line && box.current?.querySelector<HTMLElement>(`[data-line="${CSS.escape(line.id)}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.querySelector<HTMLElement>(`[data-testid="reason-text-${CSS.escape(line!.id)}"]`)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.selected]);

  /** Store a cell of a line; a per-科目 line gets its row first. */
  const set = (line: ReasonLine, key: string, value: string) => {
    const { table, row, col } = parseCellKey(key);
    const edits: CellEdit[] = [{ table, row, col, value }];
    const needsRow = line.kind === 'item' && notes && table === notes.id && !draft.model.rows(notes.id).includes(row);
    return runChange(props, () =>
      props.call('cells/set', { draftId: draft.meta.id, edits, label: '逐条原因', ...(needsRow && { addCodes: [{ table, code: row }] }) }),
    ).then((r) => {
      if (r?.rejected.length) props.notify(r.rejected[0].message, 'error');
      return !!r && !r.rejected.length;
    });
  };

  return (
    <div className="bd-reasons" data-testid="reasons-view" ref={box}>
      <div className="bd-sheet-head">
        <h1>逐条原因</h1>
        <div className="bd-info-line">
          <span>
            比上年增减达到 {pack?.review.reasonThreshold ?? 10}% 或上年为零的支出须写明原因；填写的原因写入说明中的对应句子。金额单位：{unit}。
          </span>
          <span data-testid="reasons-summary">{lacking ? `${lacking} 项尚未写明原因` : '需说明原因的各项均已写明'}</span>
        </div>
      </div>
      {!lines.length && <p className="bd-muted">还没有需要逐条说明的支出：在财政拨款支出表中录入项级科目后，这里逐条列出。</p>}
      {lines.map((line) => {
        const state = !line.needsReason ? '无需说明' : line.reason.trim() ? '已说明' : '需说明原因';
        return (
          <section key={line.id} className={`bd-reason-line${line.needsReason && !line.reason.trim() ? ' is-lacking' : ''}`} data-line={line.id} aria-label={line.label}>
            <header>
              <h2>{line.label}</h2>
              <span className="bd-reason-figures">
                本年 {toFixedString(line.current)} {unit}
                {line.prior !== null && `，上年 ${toFixedString(line.prior)} ${unit}，${line.prior === 0 ? (line.current ? '新增' : '持平') : `变动 ${line.rate}%`}`}
              </span>
              <span className={`bd-status ${state === '需说明原因' ? 'bd-status-returned' : ''}`} data-testid={`reason-state-${line.id}`}>
                {state}
              </span>
            </header>
            <div className="bd-reason-fields">
              <label>
                上年预算数（{priorUnit(props, line.priorCell)}）
                <Field
                  label={`${line.label} 上年预算数`}
                  value={priorText(props, line.priorCell)}
                  readOnly={draft.readOnly}
                  onCommit={(v) => set(line, line.priorCell, v)}
                  testId={`reason-prior-${line.id}`}
                />
              </label>
              {line.kind === 'item' && notes && (
                <label>
                  主要用于
                  <Field
                    label={`${line.label} 主要用于`}
                    value={draft.model.text(notes.id, line.id, 'use')}
                    readOnly={draft.readOnly}
                    onCommit={(v) => set(line, `${notes.id}!${line.id}!use`, v)}
                    testId={`reason-use-${line.id}`}
                  />
                </label>
              )}
              <label>
                增减原因
                <Field
                  label={`${line.label} 增减原因`}
                  value={line.reason}
                  readOnly={draft.readOnly}
                  onCommit={(v) => set(line, line.reasonCell, v)}
                  testId={`reason-text-${line.id}`}
                />
              </label>
            </div>
            <p className="bd-narrative-text" data-testid={`reason-sentence-${line.id}`}>
              {lineSentence(draft.model, draft.template, line, names)}
            </p>
          </section>
        );
      })}
    </div>
  );
}

/** Last year's figure as entered (in its cell's own unit). */
function priorText({ draft }: TableViewProps, key: string): string {
  const { table, row, col } = parseCellKey(key);
  const v = draft.model.value(table, row, col);
  return v === null ? '' : toFixedString(v);
}

/** The unit last year's figure is typed in (上海: 元, the “三公” rows 万元). */
function priorUnit({ draft }: TableViewProps, key: string): string {
  const { table, row } = parseCellKey(key);
  const def = draft.template.tables.find((t) => t.id === table);
  return def ? rowUnit(draft.template, def, row) : textUnit(draft.template);
}
