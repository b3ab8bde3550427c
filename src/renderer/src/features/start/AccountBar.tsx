import { useCallback, useEffect, useState } from 'react';
import { ROLE_LABELS, type AccountsStatus } from '../../../../shared/api/review';
import { call } from '../../api/client';
import { AccountDialog } from '../review/AccountDialog';

/**
 * Who is working, on the start screen. Once accounts exist main refuses every change by a
 * logged-out caller, so the start screen offers the login before anything else.
 */
export function AccountBar({ onChanged }: { onChanged: (loggedIn: boolean) => void }) {
  const [accounts, setAccounts] = useState<AccountsStatus | null>(null);
  const [dialog, setDialog] = useState<null | 'login' | 'create'>(null);
  const load = useCallback(async () => {
    try {
      setAccounts(await call('accounts/status', {}));
    } catch {
      setAccounts(null);
    }
  }, []);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);
  if (!accounts) return null;
  const user = accounts.currentUser;
  const dialogFor = (startWith: 'login' | 'create') => (
    <AccountDialog
      call={call}
      accounts={accounts}
      startWith={startWith}
      onDone={() => {
        setDialog(null);
        void load().then(() => onChanged(startWith === 'login'));
      }}
      onCancel={() => {
        setDialog(null);
        void load();
      }}
    />
  );
  if (!accounts.hasAccounts) {
    // First run: review needs accounts; the supervisor sets up their own first.
    return (
      <span className="bd-account-bar" aria-label="当前用户">
        <span className="bd-muted">未设置账户</span>
        <button className="bd-btn" onClick={() => setDialog('create')}>设置审核账户…</button>
        {dialog && dialogFor('create')}
      </span>
    );
  }
  return (
    <span className="bd-account-bar" aria-label="当前用户">
      {user ? (
        <>
          <span>{user.name}（{ROLE_LABELS[user.role]}）</span>
          {user.role === 'supervisor' && <button className="bd-btn" onClick={() => setDialog('create')}>添加账户…</button>}
          <button className="bd-btn" onClick={() => void call('accounts/logout', {}).then(load).then(() => onChanged(false))}>退出登录</button>
        </>
      ) : (
        <>
          <span className="bd-muted">未登录：只能查看</span>
          <button className="bd-btn bd-btn-primary" onClick={() => setDialog('login')}>登录</button>
        </>
      )}
      {dialog && dialogFor(dialog)}
    </span>
  );
}
