import { useEffect, useState } from 'react';
import {
  VERSION_KIND_LABELS,
  type CellChange,
  type FingerprintCheckResult,
  type ReviewEvent,
  type SignatureInfo,
  type VersionInfo,
} from '../../../../shared/api/review';
import { DRAFT_STATUS_LABELS } from '../../../../shared/draft';
import type { SidePanelProps } from '../registry';
import { useReviewSnapshot } from './store';

function time(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

/** Versions recorded at each submit and sign-off, the signatures, and a cell-by-cell diff of any two. */
export function HistoryPanel(props: SidePanelProps) {
  const { draft, call, notify, selectCell } = props;
  const { tick } = useReviewSnapshot(call, draft.meta.id, draft.model, draft.meta.status);
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [signatures, setSignatures] = useState<SignatureInfo[]>([]);
  const [steps, setSteps] = useState<ReviewEvent[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const [changes, setChanges] = useState<CellChange[] | null>(null);
  const [bookPath, setBookPath] = useState('');
  const [check, setCheck] = useState<FingerprintCheckResult | null>(null);

  useEffect(() => {
    let live = true;
    const draftId = draft.meta.id;
    void Promise.all([call('versions/list', { draftId }), call('signatures/list', { draftId }), call('review/events', { draftId })]).then(
      ([v, s, e]) => {
        if (!live) return;
        setVersions(v);
        setSignatures(s);
        setSteps(e);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [call, draft.meta.id, tick]);

  const fromId = versions.some((v) => v.id === from) ? from : (versions.at(-1)?.id ?? '');
  const label = (v: VersionInfo) => `${VERSION_KIND_LABELS[v.kind]} · ${v.user} · ${time(v.at)}（第 ${v.revision} 版）`;

  async function compare() {
    try {
      setChanges(await call('versions/diff', { draftId: draft.meta.id, from: fromId, to }));
    } catch (err) {
      notify(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  async function verify(what: 'draft' | 'workbook') {
    try {
      setCheck(what === 'draft' ? await call('review/verifyDraft', { draftId: draft.meta.id }) : await call('review/verifyWorkbook', { path: bookPath.trim() }));
    } catch (err) {
      setCheck(null);
      notify(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  return (
    <div className="bd-review-panel" data-testid="history-panel">
      <h3>签名</h3>
      {signatures.length === 0 && <p className="bd-review-hint">尚未审签</p>}
      <ul className="bd-review-list">
        {signatures.map((s) => (
          <li key={s.id} className={s.state === 'void' ? 'bd-review-void' : ''} data-testid="signature-entry">
            {s.state === 'valid' ? '有效' : '已作废'} · {s.signer} · {time(s.signedAt)}
            <div className="bd-review-fingerprint">{s.fingerprint}</div>
            {s.signerKeyId && <div className="bd-review-meta">签章密钥编号 {s.signerKeyId}</div>}
            {s.voidReason && <div className="bd-review-meta">{s.voidReason}</div>}
          </li>
        ))}
      </ul>
      <h3>流转记录</h3>
      {steps.length === 0 ? (
        <p className="bd-review-hint">尚未提交</p>
      ) : (
        <ol className="bd-review-list" data-testid="review-steps">
          {steps.map((e, i) => (
            <li key={i}>
              {time(e.at)} {e.user}：{DRAFT_STATUS_LABELS[e.from]} → {DRAFT_STATUS_LABELS[e.to]}
              {e.note && <div className="bd-review-meta">{e.note}</div>}
            </li>
          ))}
        </ol>
      )}
      <h3>核对</h3>
      <div className="bd-review-row">
        <button type="button" disabled={!signatures.some((s) => s.state === 'valid')} onClick={() => void verify('draft')}>
          核对本草稿的签名
        </button>
      </div>
      <div className="bd-review-row">
        <input value={bookPath} onChange={(e) => setBookPath(e.target.value)} placeholder="工作簿路径（.xlsx）" aria-label="核对工作簿路径" />
        <button type="button" disabled={!bookPath.trim()} onClick={() => void verify('workbook')}>
          核对工作簿
        </button>
      </div>
      {check && (
        <p className={check.ok ? 'bd-review-file-ok' : 'bd-review-error'} data-testid="verify-result">
          {check.message}
        </p>
      )}
      <h3>历史版本</h3>
      {versions.length === 0 ? (
        <p className="bd-review-hint">提交或审签时会记录版本</p>
      ) : (
        <>
          <div className="bd-review-row">
            <select value={fromId} onChange={(e) => setFrom(e.target.value)} aria-label="比较起点">
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
          </div>
          <div className="bd-review-row">
            <select value={to} onChange={(e) => setTo(e.target.value)} aria-label="比较终点">
              <option value="current">当前数据</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void compare()}>
              比较
            </button>
          </div>
        </>
      )}
      {changes && (
        <table className="bd-review-diff" data-testid="version-diff">
          <thead>
            <tr>
              <th>表</th>
              <th>行</th>
              <th>栏</th>
              <th>原值</th>
              <th>新值</th>
            </tr>
          </thead>
          <tbody>
            {changes.length === 0 && (
              <tr>
                <td colSpan={5}>两个版本之间没有差异</td>
              </tr>
            )}
            {changes.map((c) => (
              <tr key={c.key} onClick={() => selectCell({ table: c.table, row: c.row, col: c.col })}>
                <td>{c.tableTitle}</td>
                <td>{c.rowLabel}</td>
                <td>{c.colLabel}</td>
                <td className="bd-review-old">{c.oldValue ?? ''}</td>
                <td className="bd-review-new">{c.newValue ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
