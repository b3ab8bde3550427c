import { FormFooter } from './FormFooter';
import { useState } from 'react';
import { ROLE_LABELS, type AccountsStatus, type Role } from '../../../../shared/api/review';
import { CallError, type CallFn } from '../../api/client';

/**
 * Log in, or create an account: the first one on first run (anyone), others once logged in.
 */
export function AccountDialog(props: { call: CallFn; accounts: AccountsStatus; onDone: () => void; onCancel: () => void; startWith?: 'login' | 'create' }) {
  const { call, accounts } = props;
  const [mode, setMode] = useState<'login' | 'create'>(props.startWith ?? (accounts.hasAccounts ? 'login' : 'create'));
  const [name, setName] = useState(accounts.users[0]?.name ?? '');
  const [role, setRole] = useState<Role>(accounts.hasAccounts ? 'supervisor' : 'clerk');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError('');
    if (mode === 'create' && password !== repeat) {
      setError('两次输入的密码不一致');
      return;
    }
    setBusy(true);
    try {
      if (mode === 'login') await call('accounts/login', { name, password });
      else await call('accounts/create', { name, role, password });
      props.onDone();
    } catch (err) {
      setError(err instanceof CallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const title = mode === 'login' ? '登录' : accounts.hasAccounts ? '添加账户' : '首次使用：创建账户';
  return (
    <div className="bd-review-backdrop" role="dialog" aria-modal="true" aria-label={title}>
      <form className="bd-review-dialog" onSubmit={submit}>
        <h2>{title}</h2>
        {mode === 'create' && !accounts.hasAccounts && <p className="bd-review-hint">还没有任何账户。创建的第一个账户将自动登录；之后可再添加编制人或审核人。</p>}
        <label>
          姓名
          {mode === 'login' && accounts.users.length > 0 ? (
            <select value={name} onChange={(e) => setName(e.target.value)} aria-label="姓名">
              {accounts.users.map((u) => (
                <option key={u.id} value={u.name}>
                  {u.name}（{ROLE_LABELS[u.role]}）
                </option>
              ))}
            </select>
          ) : (
            <input value={name} onChange={(e) => setName(e.target.value)} aria-label="姓名" autoFocus />
          )}
        </label>
        {mode === 'create' && (
          <label>
            角色
            <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label="角色">
              <option value="clerk">编制人（财务人员）</option>
              <option value="supervisor">审核人（部门负责人）</option>
            </select>
          </label>
        )}
        <label>
          密码
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="密码" autoFocus={mode === 'login'} />
        </label>
        {mode === 'create' && (
          <label>
            确认密码
            <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} aria-label="确认密码" />
          </label>
        )}
        <FormFooter
          error={error}
          submitLabel={mode === 'login' ? '登录' : '创建账户'}
          disabled={busy}
          onCancel={props.onCancel}
          extra={
            accounts.hasAccounts && (
              <button type="button" className="bd-review-link" onClick={() => setMode(mode === 'login' ? 'create' : 'login')}>
                {mode === 'login' ? '添加账户' : '返回登录'}
              </button>
            )
          }
        />
      </form>
    </div>
  );
}
