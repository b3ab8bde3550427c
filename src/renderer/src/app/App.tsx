import { useState } from 'react';
import { DraftWindow } from '../features/draft/DraftWindow';
import { StartScreen } from '../features/start/StartScreen';

/** The start screen, or one open draft. `#draft=<id>` opens a draft directly (reload keeps it open). */
export function App() {
  const [draftId, setDraftId] = useState<string | null>(() => new URLSearchParams(location.hash.slice(1)).get('draft'));
  const open = (id: string | null) => {
    history.replaceState(null, '', id ? `#draft=${encodeURIComponent(id)}` : '#');
    setDraftId(id);
  };
  return draftId ? <DraftWindow draftId={draftId} onClose={() => open(null)} /> : <StartScreen onOpen={open} />;
}
