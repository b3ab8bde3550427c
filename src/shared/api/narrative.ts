/** Narrative and project methods of the API contract (see ./index.ts). */
import type { NarrativeSection } from '../narrative/draft';
import type { ProjectSummary } from '../projects/copy';
import type { ChangeResult } from './store';

export type { NarrativeSection, ProjectSummary };

export interface ProjectCopyResult extends ChangeResult {
  /** New project record per copied source record. */
  added: Array<{ from: string; row: string }>;
  /** Source records not copied, with the reason. */
  skipped: Array<{ from: string; message: string }>;
}

export interface NarrativeApi {
  /**
   * The 情况说明 as printed now: every section of the template, drafted from the figures or
   * as the clerk wrote it (placeholders replaced). Export prints `text`.
   */
  'narrative/draft': (args: { draftId: string }) => NarrativeSection[];
  /** What the editor starts from when the clerk edits a drafted section (figures as placeholders). */
  'narrative/editableSource': (args: { draftId: string; sectionId: string }) => { source: string };
  /** The projects of a draft (last year's), to choose which to copy. */
  'projects/list': (args: { draftId: string }) => ProjectSummary[];
  /** Copy projects with their indicators from another draft into this one. */
  'projects/copyFromDraft': (args: { draftId: string; fromDraftId: string; projectIds: string[] }) => ProjectCopyResult;
}
