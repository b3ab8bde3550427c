import type { ReviewApi } from '../../shared/api/review';
import type { AppContext, HandlerImpl } from './context';

export function reviewHandlers(_ctx: AppContext): HandlerImpl<ReviewApi> {
  return {};
}
