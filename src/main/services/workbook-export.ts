import type { DraftModel } from '../../shared/engine/model';
import { exportWorkbook, type ExportMeta, type ExportOptions } from '../excel/export';
import type { DraftFilePayload } from '../store/draft-file';

/** What is exported: a draft of the app (its id), or a draft file read without the app's database (the CLI). */
export interface ExportSubject {
  meta: ExportMeta & { id?: string };
  model: DraftModel;
  /** The draft file it was read from, when there is no draft in the database. */
  file?: DraftFilePayload;
}

/** Adds to a written workbook (another domain's part: the review's sign-off sheet). */
export type ExportExtension = (workbook: string, subject: ExportSubject) => Promise<void>;

/**
 * The one way a draft becomes a workbook, for the app's handler and the CLI alike: the
 * tables, then every extension in the order installed.
 */
export class WorkbookExporter {
  readonly extensions: ExportExtension[] = [];

  async export(subject: ExportSubject, file: string, options: ExportOptions): Promise<{ file: string; sheets: string[] }> {
    const result = await exportWorkbook(subject.model, subject.meta, file, options);
    for (const extend of this.extensions) await extend(file, subject);
    return result;
  }
}
