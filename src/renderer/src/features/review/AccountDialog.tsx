import { FormFooter } from './FormFooter';
import { useState } from 'react';
import { ROLE_LABELS, type AccountsStatus, type Role } from '../../../../shared/api/review';
import { CallError, type CallFn } from '../../api/client';
import { ReviewModal } from './ReviewModal';

/**
 * Log in, or create an account: the first one on first run (anyone, their own), the first
 * 审核人 by the supervisor in person, others by a supervisor with a temporary password. A login
 * with a temporary password continues here with the holder setting their own.
 */
export function AccountDialog(props: { call: CallFn; accounts: AccountsStatus; onDone: () => void; onCancel: () => void; startWith?: 'login' | 'create' }) {
  const { call, accounts } = props;
  const hasSupervisor = accounts.users.some((u) => u.role === 'supervisor');
  const [mode, setMode] = useState<'login' | 'create'>(props.startWith ?? (accounts.hasAccounts ? 'login' : 'create'));
  const [name, setName] = useState(mode === 'create' ? '' : (accounts.users[0]?.name ?? ''));
  const [role, setRole] = useState<Role>(hasSupervisor || !accounts.hasAccounts ? 'clerk' : 'supervisor');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  /** The temporary password just used to log in: the holder now sets their own. */
  const [temporary, setTemporary] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError('');
    if ((mode === 'create' || temporary !== null) && password !== repeat) {
      setError('两次输入的密码不一致');
      return;
    }
    setBusy(true);
    try {
      if (temporary !== null) {
        await call('accounts/changePassword', { oldPassword: temporary, newPassword: password });
      } else if (mode === 'login') {
        const user = await call('accounts/login', { name, password });
        if (user.mustChangePassword) {
          setTemporary(password);
          setPassword('');
          setRepeat('');
          return;
        }
      } else await call('accounts/create', { name, role, password });
      props.onDone();
    } catch (err) {
      setError(err instanceof CallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (temporary !== null) {
    return (
      <ReviewModal label="首次登录：设置密码">
        <form className="bd-review-dialog" onSubmit={submit}>
          <h2>首次登录：设置您自己的密码</h2>
          <p className="bd-review-hint">{name}，您的账户由审核人创建，当前密码是初始密码。请设置只有您自己知道的新密码，之后才能继续使用。</p>
          <label>
            新密码
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="新密码" autoFocus />
          </label>
          <label>
            确认新密码
            <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} aria-label="确认新密码" />
          </label>
          <FormFooter error={error} submitLabel="设置密码并登录" disabled={busy} onCancel={() => void call('accounts/logout', {}).finally(props.onCancel)} />
        </form>
      </ReviewModal>
    );
  }

  const createHint = !accounts.hasAccounts
    ? '还没有任何账户。创建的第一个账户是您本人的，将自动登录。建议由审核人（部门负责人）先创建自己的账户，再为编制人添加账户。'
    : role === 'supervisor' && !hasSupervisor
      ? '审核人账户须由审核人本人输入姓名和密码。创建后将以审核人身份登录，当前用户退出。'
      : '这里设置的是初始密码：请当面告知本人，对方首次登录时须改为自己的密码。';
  const title = mode === 'login' ? '登录' : accounts.hasAccounts ? '添加账户' : '首次使用：创建账户';
  return (
    <ReviewModal label={title} onCancel={props.onCancel}>
      <form className="bd-review-dialog" onSubmit={submit}>
        <h2>{title}</h2>
        {mode === 'create' && <p className="bd-review-hint">{createHint}</p>}
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
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} aria-label="密码" autoFocus={mode === 'login' && accounts.users.length === 1} />
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
    </ReviewModal>
  );
}
