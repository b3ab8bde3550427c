import type { NarrativeApi } from '../../shared/api/narrative';
import type { AppContext, HandlerImpl } from './context';

export function narrativeHandlers(_ctx: AppContext): HandlerImpl<NarrativeApi> {
  return {};
}
