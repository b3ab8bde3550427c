import { useEffect, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';

/** What the editor needs from the grid beyond AG Grid's props (passed as grid context). */
export interface EditorContext {
  /** The exact text a cell is edited as (entered figures without separators). */
  rawText(rowId: string, colId: string): string;
  /** Text the clerk typed that was refused, so F2 brings it back; taken once. */
  takeRefused(rowId: string, colId: string): string | undefined;
}

/**
 * Excel's in-cell editor: a printable key replaces the content with that key, Enter or F2
 * edits the current content (or the refused text, so nothing typed is lost).
 */
export function CellEditor(props: CustomCellEditorProps<{ id: string }, string, EditorContext>) {
  const { eventKey, onValueChange, context, data, column } = props;
  const input = useRef<HTMLInputElement>(null);
  const [text] = useState(() => {
    if (eventKey && eventKey.length === 1) return eventKey;
    return context.takeRefused(data.id, column.getColId()) ?? context.rawText(data.id, column.getColId());
  });
  const [value, setValue] = useState(text);
  useEffect(() => {
    onValueChange(text);
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <input
      ref={input}
      className="bd-cell-editor"
      value={value}
      spellCheck={false}
      onChange={(e) => {
        setValue(e.target.value);
        onValueChange(e.target.value);
      }}
    />
  );
}
