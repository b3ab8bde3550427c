import type { ReactNode } from 'react';

/** The end of a review form: the refusal message, then 取消 and the submit button (extra buttons first). */
export function FormFooter({ error, submitLabel, disabled, onCancel, extra }: { error: string | null; submitLabel: string; disabled?: boolean; onCancel: () => void; extra?: ReactNode }) {
  return (
    <>
      {error && (
        <p className="bd-review-error" role="alert">
          {error}
        </p>
      )}
      <div className="bd-review-buttons">
        {extra}
        <button type="button" onClick={onCancel}>
          取消
        </button>
        <button type="submit" className="bd-review-primary" disabled={disabled}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
