import { useRef, useState } from 'react';
import { returnReasonRefusal } from '../../../../shared/review/states';
import { CallError, type CallFn } from '../../api/client';
import { FormFooter } from './FormFooter';
import { ReviewModal } from './ReviewModal';

/**
 * 退回修改: the supervisor says why (required; the clerk has to know what to fix). 确认退回 stays
 * reachable by Tab: pressed without a reason it says so and puts the cursor back in the field.
 */
export function ReturnDialog(props: { call: CallFn; draftId: string; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const refusal = returnReasonRefusal(reason);
    if (refusal) {
      setError(refusal);
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      await props.call('review/return', { draftId: props.draftId, reason });
      props.onDone();
    } catch (err) {
      setError(err instanceof CallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <ReviewModal label="退回修改" onCancel={props.onCancel}>
      <form className="bd-review-dialog" onSubmit={submit}>
        <h2>退回修改</h2>
        <p className="bd-review-hint">退回后编制人可以再次编辑。对单元格或表的具体意见请在“审核意见”中填写。</p>
        <label>
          退回原因（必填）
          <textarea
            ref={field}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (error && !returnReasonRefusal(e.target.value)) setError('');
            }}
            onKeyDown={(e) => {
              // Enter writes a new line; Ctrl+Enter sends, as in a message box.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            aria-label="退回原因"
            aria-required="true"
            aria-invalid={error ? true : undefined}
            aria-describedby="bd-return-reason-help"
            rows={3}
            autoFocus
          />
        </label>
        <p className="bd-review-hint" id="bd-return-reason-help">
          写明编制人需要修改什么；按 Ctrl+Enter 或“确认退回”发送。
        </p>
        <FormFooter error={error} submitLabel="确认退回" disabled={busy} onCancel={props.onCancel} />
      </form>
    </ReviewModal>
  );
}
