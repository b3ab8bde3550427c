import { useState } from 'react';
import type { AppInfo } from '../../../../shared/api/store';
import { call } from '../../api/client';
import { formatTime } from '../draft/DraftWindow';

type Recovery = NonNullable<AppInfo['recovery']>;

const TITLES: Record<NonNullable<Recovery['kind']>, string> = {
  damaged: '数据库文件已损坏',
  'newer-version': '数据库由更新版本的程序创建',
  missing: '数据库文件不见了',
  behind: '数据库缺少已保存的修改',
};

/**
 * Shown instead of the draft list when the database could not be used as it is: what happened,
 * what was lost, and the backups (each checked) to restore; never an empty start by itself.
 */
export function RecoveryScreen({ recovery, onDone }: { recovery: Recovery; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const usable = recovery.backups.filter((b) => b.verified !== false);
  return (
    <div className="bd-start" role="main" aria-label="恢复数据">
      <header className="bd-start-head">
        <h1>恢复数据：{TITLES[recovery.kind ?? 'damaged']}</h1>
      </header>
      <p role="alert" className="bd-error-text">{recovery.reason}。</p>
      {recovery.lost && recovery.lost.length > 0 && (
        <section aria-label="丢失的内容">
          <h2>最后确认保存、但数据库中没有的内容</h2>
          <ul>{recovery.lost.map((l) => <li key={l}>{l}</li>)}</ul>
        </section>
      )}
      <h2>自动备份（新的在前）</h2>
      <table className="bd-draft-list" aria-label="备份">
        <thead>
          <tr>
            <th>备份时间</th>
            <th>预算稿</th>
            <th>大小</th>
            <th>检查结果</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {recovery.backups.map((b) => (
            <tr key={b.file} data-backup={b.file}>
              <td>{formatTime(b.createdAt)}</td>
              <td>{b.drafts === undefined ? '—' : `${b.drafts} 份`}</td>
              <td>{(b.sizeBytes / 1024).toFixed(0)} KB</td>
              <td>{b.verified === false ? '已损坏，不能恢复' : '完好'}</td>
              <td>
                <button className="bd-btn bd-btn-primary" disabled={busy || b.verified === false} onClick={() => void run(() => call('backups/restore', { file: b.file }))}>
                  恢复此备份
                </button>
              </td>
            </tr>
          ))}
          {recovery.backups.length === 0 && (
            <tr>
              <td colSpan={5} className="bd-muted">没有可用的备份。</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="bd-muted">恢复时，现有的数据库文件会改名保留在数据文件夹中，不会被覆盖。</p>
      <div className="bd-actions">
        {recovery.kind === 'behind' && (
          <button className="bd-btn" disabled={busy} onClick={() => void run(() => call('recovery/keepCurrent', {}))}>保留现有数据（放弃上面列出的修改）</button>
        )}
        {recovery.kind !== 'newer-version' && recovery.kind !== 'behind' && (
          confirmEmpty ? (
            <>
              <span>{usable.length ? '确定不恢复备份、从空白开始吗？' : '确定从空白开始吗？'}</span>
              <button className="bd-btn bd-btn-danger" disabled={busy} onClick={() => void run(() => call('recovery/startEmpty', {}))}>从空白开始</button>
              <button className="bd-btn" onClick={() => setConfirmEmpty(false)}>取消</button>
            </>
          ) : (
            <button className="bd-btn" disabled={busy} onClick={() => setConfirmEmpty(true)}>不恢复，从空白开始…</button>
          )
        )}
      </div>
      {error && <p className="bd-error-text" role="alert">{error}</p>}
    </div>
  );
}
