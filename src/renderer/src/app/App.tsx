import { useEffect, useState } from 'react';
import { DraftWindow } from '../features/draft/DraftWindow';
import { draftOfAddress } from '../features/draft/opening';
import { StartScreen } from '../features/start/StartScreen';


/** The start screen, or one open draft. `#draft=<id>` opens a draft directly (reload keeps it open; a link to it opens it). */
export function App() {
  const [draftId, setDraftId] = useState<string | null>(draftOfAddress);
  // The draft just closed: the list comes back with it chosen, where the clerk was.
  const [closed, setClosed] = useState<string | null>(null);
  useEffect(() => {
    const follow = () => setDraftId(draftOfAddress());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const open = (id: string | null) => {
    history.replaceState(null, '', id ? `#draft=${encodeURIComponent(id)}` : '#');
    setDraftId(id);
  };
  const close = () => {
    setClosed(draftId);
    open(null);
  };
  return draftId ? <DraftWindow key={draftId} draftId={draftId} onClose={close} /> : <StartScreen onOpen={open} returnedFrom={closed} />;
}
