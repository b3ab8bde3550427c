import { useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS, type CommentTarget, type ReviewComment } from '../../../../shared/api/review';
import { rowLabel, tableTitle } from '../../../../shared/review/labels';
import type { SidePanelProps } from '../registry';
import { useReviewSnapshot } from './store';

type TargetKind = 'cell' | 'table' | 'draft';

/** The cell focused in the draft window's grid (the grid marks it; rows and columns carry their ids). */
function focusedCell(): { table: string; row: string; col: string } | null {
  const cell = document.querySelector('.bd-grid-wrap .ag-cell-focus');
  const table = cell?.closest('.bd-grid-wrap')?.getAttribute('data-table');
  const row = cell?.closest('.ag-row')?.getAttribute('row-id');
  const col = cell?.getAttribute('col-id');
  return table && row && col ? { table, row, col } : null;
}

/**
 * Marks the cells and tabs that open comments point at, as Excel marks a commented cell: a
 * stylesheet of attribute selectors, so the marks survive the grid re-rendering its cells.
 */
function useCommentMarks(comments: ReviewComment[]): void {
  useEffect(() => {
    const style = document.createElement('style');
    style.setAttribute('data-review-comment-marks', '');
    const rules: string[] = [];
    for (const c of comments) {
      if (c.resolved || !c.target.table) continue;
      const table = `.bd-grid-wrap[data-table="${CSS.escape(c.target.table)}"]`;
      if (c.target.row && c.target.col) {
        rules.push(
          `${table} .ag-row[row-id="${CSS.escape(c.target.row)}"] .ag-cell[col-id="${CSS.escape(c.target.col)}"]::after` +
            '{content:"";position:absolute;top:0;right:0;border-style:solid;border-width:0 8px 8px 0;border-color:transparent #e0a040 transparent transparent;pointer-events:none}',
        );
      }
      rules.push(`.bd-tabs button[data-table="${CSS.escape(c.target.table)}"]{box-shadow:inset 0 -3px 0 #e0a040}`);
    }
    style.textContent = rules.join('\n');
    document.head.appendChild(style);
    return () => style.remove();
  }, [comments]);
}

function time(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

/** Review comments (审核意见) on cells, tables or the draft: add, answer, resolve, go to the cell. */
export function CommentsPanel(props: SidePanelProps) {
  const { draft, call, notify, selectCell } = props;
  const { tick, accounts, refresh } = useReviewSnapshot(call, draft.meta.id, draft.model, draft.meta.status);
  const [comments, setComments] = useState<ReviewComment[]>([]);
  const [kind, setKind] = useState<TargetKind>('cell');
  const tables = draft.template.tables;
  const [table, setTable] = useState(tables[0]?.id ?? '');
  const tableDef = tables.find((t) => t.id === table);
  const rows = useMemo(() => (tableDef ? draft.model.rows(tableDef.id) : []), [tableDef, draft.model, draft.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const cols = tableDef?.columns.filter((c) => c.role !== 'label' && !c.hidden) ?? [];
  const [row, setRow] = useState('');
  const [col, setCol] = useState('');
  const [text, setText] = useState('');
  const [replies, setReplies] = useState<Record<string, string>>({});
  /** The comment just added: brought into view once listed, however small the panel. */
  const [added, setAdded] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void call('comments/list', { draftId: draft.meta.id }).then((list) => live && setComments(list), () => undefined);
    return () => {
      live = false;
    };
  }, [call, draft.meta.id, tick]);

  useCommentMarks(comments);
  useEffect(() => {
    if (added) document.querySelector(`[data-comment="${CSS.escape(added)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [added, comments]);

  const rowId = rows.includes(row) ? row : (rows[0] ?? '');
  const colId = cols.some((c) => c.id === col) ? col : (cols[0]?.id ?? '');

  async function run(fn: () => Promise<unknown>) {
    try {
      await fn();
      await refresh();
    } catch (err) {
      notify(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  function add(e: React.FormEvent) {
    e.preventDefault();
    const target: CommentTarget = kind === 'draft' ? {} : kind === 'table' ? { table } : { table, row: rowId, col: colId };
    void run(async () => {
      const comment = await call('comments/add', { draftId: draft.meta.id, target, text });
      setText('');
      setAdded(comment.id);
    });
  }

  const open = comments.filter((c) => !c.resolved);
  const closed = comments.filter((c) => c.resolved);
  const user = accounts?.currentUser;

  return (
    <div className="bd-review-panel" data-testid="comments-panel">
      {user && (
        <form className="bd-review-add" onSubmit={add}>
          <div className="bd-review-row">
            <select value={kind} onChange={(e) => setKind(e.target.value as TargetKind)} aria-label="意见对象">
              <option value="cell">单元格</option>
              <option value="table">整张表</option>
              <option value="draft">整个草稿</option>
            </select>
            {kind !== 'draft' && (
              <select value={table} onChange={(e) => setTable(e.target.value)} aria-label="意见所在表">
                {tables.map((t) => (
                  <option key={t.id} value={t.id}>
                    {tableTitle(draft.template, t.id)}
                  </option>
                ))}
              </select>
            )}
          </div>
          {kind === 'cell' && (
            <button
              type="button"
              className="bd-review-link"
              onClick={() => {
                const at = focusedCell();
                if (!at || !tables.some((t) => t.id === at.table)) return notify('请先在表格中选中要提意见的单元格（点击，或用方向键移到该格），再按 F6 切换回“审核意见”', 'error');
                setTable(at.table);
                setRow(at.row);
                setCol(at.col);
              }}
            >
              取表格中选中的单元格
            </button>
          )}
          {kind === 'cell' && (
            <div className="bd-review-row">
              <select value={rowId} onChange={(e) => setRow(e.target.value)} aria-label="意见所在行">
                {rows.map((r) => (
                  <option key={r} value={r}>
                    {rowLabel(draft.template, table, r, [draft.model.content])}
                  </option>
                ))}
              </select>
              <select value={colId} onChange={(e) => setCol(e.target.value)} aria-label="意见所在栏">
                {cols.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.header.join('/')}
                  </option>
                ))}
              </select>
            </div>
          )}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} placeholder="填写意见" aria-label="意见内容" />
          <button type="submit" className="bd-review-primary" disabled={!text.trim()}>
            添加意见
          </button>
        </form>
      )}
      {comments.length === 0 && <p className="bd-review-hint">暂无审核意见</p>}
      {[...open, ...closed].map((c) => (
        <div key={c.id} className={`bd-review-comment${c.resolved ? ' bd-review-resolved' : ''}`} data-testid="review-comment" data-comment={c.id}>
          <button
            type="button"
            className="bd-review-link bd-review-target"
            disabled={!c.target.row}
            onClick={() => c.target.table && c.target.row && c.target.col && selectCell({ table: c.target.table, row: c.target.row, col: c.target.col })}
          >
            {c.targetLabel}
          </button>
          <div className="bd-review-meta">
            {c.author}（{ROLE_LABELS[c.role]}） {time(c.at)}
          </div>
          <div className="bd-review-text">{c.text}</div>
          {c.replies.map((r) => (
            <div key={r.id} className="bd-review-reply" data-testid="review-reply">
              <span className="bd-review-meta">
                {r.author}（{ROLE_LABELS[r.role]}） {time(r.at)}
              </span>
              <div className="bd-review-text">{r.text}</div>
            </div>
          ))}
          {c.resolved ? (
            <div className="bd-review-meta">
              已解决：{c.resolved.by} {time(c.resolved.at)}
            </div>
          ) : (
            user && (
              <div className="bd-review-row">
                <input
                  value={replies[c.id] ?? ''}
                  onChange={(e) => setReplies({ ...replies, [c.id]: e.target.value })}
                  placeholder="答复"
                  aria-label="答复内容"
                />
                <button
                  type="button"
                  disabled={!(replies[c.id] ?? '').trim()}
                  onClick={() =>
                    void run(async () => {
                      await call('comments/reply', { draftId: draft.meta.id, commentId: c.id, text: replies[c.id] ?? '' });
                      setReplies({ ...replies, [c.id]: '' });
                    })
                  }
                >
                  答复
                </button>
                <button type="button" onClick={() => void run(() => call('comments/resolve', { draftId: draft.meta.id, commentId: c.id }))}>
                  标记已解决
                </button>
              </div>
            )
          )}
        </div>
      ))}
    </div>
  );
}
