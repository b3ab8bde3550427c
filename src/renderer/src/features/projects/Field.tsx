import { useState, type CSSProperties } from 'react';

/**
 * A text field that commits on Enter or when it loses focus (not on every key), shows the
 * stored value again when the store refuses, and follows outside changes (undo, copy).
 */
export function Field({
  value,
  onCommit,
  label,
  multiline,
  readOnly,
  invalid,
  placeholder,
  style,
  testId,
  located,
}: {
  value: string;
  onCommit: (value: string) => Promise<boolean> | void;
  label: string;
  multiline?: boolean;
  readOnly?: boolean;
  invalid?: string;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  /** The cell of a clicked finding: highlighted (and focused by its sheet). */
  located?: boolean;
}) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // The stored value changed outside (undo, another view): show it.
    setShown(value);
    setText(value);
  }
  const commit = async () => {
    if (text === value) return;
    const ok = await onCommit(text.trim() === '' ? '' : text);
    if (ok === false) setText(value);
  };
  const common = {
    'aria-label': label,
    'aria-invalid': invalid ? true : undefined,
    title: invalid ?? label,
    className: `bd-input${invalid ? ' bd-field-invalid' : ''}${located ? ' is-located' : ''}`,
    'data-located': located || undefined,
    value: text,
    readOnly,
    placeholder,
    style,
    'data-testid': testId,
    onChange: (e: { target: { value: string } }) => setText(e.target.value),
    onBlur: () => void commit(),
  };
  return multiline ? (
    <textarea {...common} rows={3} onKeyDown={(e) => e.key === 'Enter' && e.ctrlKey && void commit()} />
  ) : (
    <input {...common} onKeyDown={(e) => e.key === 'Enter' && void commit()} />
  );
}

/** A choice from a fixed list (资金性质, 一级/二级指标); the empty option clears. */
export function Choice({ value, options, onCommit, label, readOnly, located }: { value: string; options: string[]; onCommit: (value: string) => void; label: string; readOnly?: boolean; located?: boolean }) {
  const known = value === '' || options.includes(value);
  return (
    <select className={`bd-input${located ? ' is-located' : ''}`} data-located={located || undefined} aria-label={label} value={value} disabled={readOnly} onChange={(e) => onCommit(e.target.value)}>
      <option value="">（请选择）</option>
      {!known && <option value={value}>{value}（不在标准列表中）</option>}
      {options.map((o) => (
        <option key={o} value={o}>{o}</option>
      ))}
    </select>
  );
}
