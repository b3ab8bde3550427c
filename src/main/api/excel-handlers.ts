import type { ExcelApi } from '../../shared/api/excel';
import type { AppContext, HandlerImpl } from './context';

export function excelHandlers(_ctx: AppContext): HandlerImpl<ExcelApi> {
  return {};
}
