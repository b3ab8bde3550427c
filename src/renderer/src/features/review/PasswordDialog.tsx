import { FormFooter } from './FormFooter';
import { useState } from 'react';
import { CallError, type CallFn } from '../../api/client';
import { ReviewModal } from './ReviewModal';

/** The logged-in user changes the password (the signing key is kept, re-encrypted). */
export function PasswordDialog(props: { call: CallFn; onDone: () => void; onCancel: () => void }) {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (newPassword !== repeat) return setError('两次输入的新密码不一致');
    try {
      await props.call('accounts/changePassword', { oldPassword, newPassword });
      props.onDone();
    } catch (err) {
      setError(err instanceof CallError ? err.message : String(err));
    }
  }
  return (
    <ReviewModal label="修改密码" onCancel={props.onCancel}>
      <form className="bd-review-dialog" onSubmit={submit}>
        <h2>修改密码</h2>
        <label>
          原密码
          <input type="password" value={oldPassword} onChange={(e) => setOld(e.target.value)} aria-label="原密码" autoFocus />
        </label>
        <label>
          新密码
          <input type="password" value={newPassword} onChange={(e) => setNew(e.target.value)} aria-label="新密码" />
        </label>
        <label>
          确认新密码
          <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} aria-label="确认新密码" />
        </label>
        <FormFooter error={error} submitLabel="修改" onCancel={props.onCancel} />
      </form>
    </ReviewModal>
  );
}
