import { FormFooter } from './FormFooter';
import { useEffect, useRef, useState } from 'react';
import type { Finding } from '../../../../shared/findings';
import { CallError, type CallFn } from '../../api/client';
import { OpenIssuesWarning, openIssuesText, useOpenIssues } from './open-issues';
import { ReviewModal } from './ReviewModal';

/** The supervisor re-enters the password to sign; a wrong one changes nothing. */
export function SignDialog(props: { call: CallFn; draftId: string; signer: string; findings: readonly Finding[]; onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const issues = useOpenIssues(props.call, props.draftId, props.findings);
  const open = openIssuesText(issues);
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await props.call('review/sign', { draftId: props.draftId, password });
      props.onDone();
    } catch (err) {
      setError(err instanceof CallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  // Something open (known a moment after the dialog opens): the cursor goes to 我已知悉 first, unless
  // the password is being typed; the password alone would leave 确认审签 unavailable and Enter doing nothing.
  const acceptBox = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open && document.activeElement === passwordField.current && !passwordField.current?.value) acceptBox.current?.focus();
  }, [open]);
  return (
    <ReviewModal label="审签" onCancel={props.onCancel}>
      <form className="bd-review-dialog" onSubmit={submit}>
        <h2>审签</h2>
        <p className="bd-review-hint">
          审核人 {props.signer} 确认预算草稿内容无误并签署。签署时记录审核人、时间和数据的签名指纹（SHA-256）；之后任何修改都会使签名作废。
        </p>
        <OpenIssuesWarning issues={issues} consequence="审签表示认可全部内容，请先处理或确认后再签。" />
        {open && (
          <label className="bd-review-accept">
            <span>
              <input type="checkbox" ref={acceptBox} checked={accepted} onChange={(e) => setAccepted(e.target.checked)} /> 我已知悉上述问题，仍然审签
            </span>
          </label>
        )}
        <label>
          请再次输入密码
          <input type="password" ref={passwordField} value={password} onChange={(e) => setPassword(e.target.value)} aria-label="审签密码" autoFocus />
        </label>
        <FormFooter error={error} submitLabel="确认审签" disabled={busy || !password || (!!open && !accepted)} onCancel={props.onCancel} />
      </form>
    </ReviewModal>
  );
}
