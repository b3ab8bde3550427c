import { useState } from 'react';
import { call } from '../../api/client';
import { ImportDialog } from './ImportDialog';

/** The start screen's “从 Excel 导入…”: a new draft from a workbook, opened once committed. */
export function StartImportButton({ onOpen, label = '从 Excel 导入…' }: { onOpen: (draftId: string) => void; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="bd-btn" onClick={() => setOpen(true)}>{label}</button>
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
