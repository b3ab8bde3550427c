import { useState } from 'react';
import type { DraftToolbarProps } from '../slots';
import { PublishDialog } from './PublishDialog';

/** 发布（PDF） in the draft window's toolbar. */
export function PublishButton({ draft, call, notify }: DraftToolbarProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="bd-btn" onClick={() => setOpen(true)} title="生成公开文本 PDF：各表、情况说明、项目绩效目标表和审签情况">
        发布（PDF）
      </button>
      {open && <PublishDialog call={call} meta={draft.meta} onSaved={(m) => notify(m)} onClose={() => setOpen(false)} />}
    </>
  );
}
