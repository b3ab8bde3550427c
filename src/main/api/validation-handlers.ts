import type { ValidationApi } from '../../shared/api/validation';
import type { AppContext, HandlerImpl } from './context';

export function validationHandlers(_ctx: AppContext): HandlerImpl<ValidationApi> {
  return {};
}
