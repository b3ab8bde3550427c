import { useState } from 'react';
import { call } from '../../api/client';
import { ImportDialog } from './ImportDialog';

/** The start screen's “从 Excel 导入…”: a new draft from a workbook, opened once committed. */
export function StartImportButton({ onOpen }: { onOpen: (draftId: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="bd-btn" onClick={() => setOpen(true)}>从 Excel 导入…</button>
      {open && (
        <ImportDialog
          call={call}
          target={{ as: 'new' }}
          onClose={() => setOpen(false)}
          onCommitted={(meta) => {
            setOpen(false);
            onOpen(meta.id);
          }}
        />
      )}
    </>
  );
}
