import { existsSync } from 'node:fs';
import { fail } from '../../shared/api/common';
import type { DraftMeta } from '../../shared/draft';
import { readDraftFile, writeDraftFile, type DraftFilePayload } from '../store/draft-file';
import type { DraftService } from './draft-service';

/** A file being opened: where it is and what it holds. */
export interface OpenedFile {
  path: string;
  payload: DraftFilePayload;
}

/** Another domain's part of a draft file (the review: status, signature, comments). */
export interface DraftFileExtension {
  /** Fields the saved file carries for this draft besides the store's. */
  sections?(draftId: string): Record<string, unknown>;
  /** Open a file: handle it itself, or open it as a new draft through `asNew` and add to that. */
  open?(file: OpenedFile, asNew: () => Promise<DraftMeta>): Promise<DraftMeta>;
}

/**
 * Drafts saved to and opened from a draft file (.budget.json): the store's content, prior-year
 * layer and explanations, plus what each extension adds, written once.
 */
export class DraftFiles {
  readonly extensions: DraftFileExtension[] = [];

  constructor(
    private readonly drafts: DraftService,
    private readonly appVersion: string,
  ) {}

  save(draftId: string, path: string, replace: boolean): { path: string } {
    const meta = this.drafts.getMeta(draftId);
    if (!replace && existsSync(path)) fail('conflict', `文件已存在：${path}，未保存，原文件未改动`, { exists: true, path });
    const payload: DraftFilePayload = {
      meta: { unitCode: meta.unitCode, unitName: meta.unitName, year: meta.year, templateId: meta.templateId, status: meta.status },
      content: this.drafts.getSnapshot(draftId).content,
      prior: this.drafts.getPriorContent(draftId),
      explanations: this.drafts.listExplanations(draftId),
    };
    const sections = this.extensions.map((e) => e.sections?.(draftId));
    writeDraftFile(path, Object.assign(payload, ...sections) as DraftFilePayload, this.appVersion);
    return { path };
  }

  /** Open a file: the extensions in the order installed, each around the next; last, a new draft. */
  open(path: string): Promise<DraftMeta> {
    const file: OpenedFile = { path, payload: readDraftFile(path) };
    const asNew = async () => {
      const { meta, content, prior, explanations } = file.payload;
      return this.drafts.createDraft(meta, content, { prior, explanations });
    };
    const chain = this.extensions.reduceRight<() => Promise<DraftMeta>>((next, e) => (e.open ? () => e.open!(file, next) : next), asNew);
    return chain();
  }
}
