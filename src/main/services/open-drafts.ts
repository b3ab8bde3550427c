import { fail } from '../../shared/api/common';
import type { Dictionaries } from '../../shared/dictionary';
import type { DraftMeta } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { getTemplate } from '../../shared/regions';
import type { Template } from '../../shared/template';
import { createFindingEngine, type FindingEngine } from '../../shared/validation';
import type { DraftStore } from '../store/draft-store';

/** A draft in memory: its record as last committed, its computed model and its rule engine. */
export interface OpenDraft {
  meta: DraftMeta;
  template: Template;
  model: DraftModel;
  engine: FindingEngine;
  /** The engine has run over the whole draft (opening a window does not wait for it). */
  checked: boolean;
}

export interface OpenDraftsDeps {
  /** The store of the open database (throws in recovery mode). */
  store: () => DraftStore;
  dictionaries: () => Dictionaries;
  /** The rule engine of a draft (default: the validation domain's createFindingEngine). */
  createEngine?: (template: Template, dictionaries: Dictionaries) => FindingEngine;
}

/** Drafts kept in memory with their computed model. */
const CACHE_SIZE = 4;

/**
 * The drafts held in memory, the last few used: built from the store on first use, brought up
 * to date by the commands only after the store committed, forgotten when the database is
 * swapped or a computation failed (the next use rebuilds them from disk).
 */
export class OpenDrafts {
  private readonly open = new Map<string, OpenDraft>();

  constructor(private readonly deps: OpenDraftsDeps) {}

  /** A draft's record: an open draft's as kept (every change passes here and updates it), else read. */
  meta(draftId: string): DraftMeta {
    const open = this.open.get(draftId);
    if (open) return open.meta;
    const meta = this.deps.store().get(draftId);
    if (!meta) fail('not-found', `找不到草稿（${draftId}），可能已被删除`);
    return meta;
  }

  /** The open draft with its findings checked (every change updates them). */
  checked(draftId: string): OpenDraft {
    const d = this.withModel(draftId);
    if (!d.checked) {
      d.engine.full(d.model);
      d.checked = true;
      // The first edit of a large draft would otherwise build the engine's index (tens of ms).
      setImmediate(() => d.engine.prepare?.());
    }
    return d;
  }

  /** The open draft with its computed model; its findings may not be checked yet. */
  withModel(draftId: string): OpenDraft {
    const cached = this.open.get(draftId);
    if (cached) {
      this.open.delete(draftId);
      this.open.set(draftId, cached);
      return cached;
    }
    const meta = this.meta(draftId);
    const template = requireTemplate(meta.templateId, meta.year);
    const model = new DraftModel(template, this.deps.store().content(draftId), { adopt: true });
    const engine = (this.deps.createEngine ?? createFindingEngine)(template, this.deps.dictionaries());
    const d: OpenDraft = { meta, template, model, engine, checked: false };
    this.open.set(draftId, d);
    while (this.open.size > CACHE_SIZE) this.open.delete(this.open.keys().next().value!);
    return d;
  }

  /** The drafts in memory. */
  held(): IterableIterator<OpenDraft> {
    return this.open.values();
  }

  /** The draft if it is in memory, without building it. */
  peek(draftId: string): OpenDraft | undefined {
    return this.open.get(draftId);
  }

  /** A committed record replaces the one kept. */
  refreshMeta(meta: DraftMeta): void {
    const d = this.open.get(meta.id);
    if (d) d.meta = meta;
  }

  forget(draftId: string): void {
    this.open.delete(draftId);
  }

  /** Forget every draft (after a restore swapped the database). */
  clear(): void {
    this.open.clear();
  }
}

/** The template of a draft, or not-found in the clerk's words. */
export function requireTemplate(id: string, year: number): Template {
  try {
    return getTemplate(id, year);
  } catch {
    fail('not-found', `未知的报表模板：${id}`);
  }
}
