import { createHash } from 'node:crypto';
import { DraftModel } from '../../shared/engine/model';
import { contentPart, firstShownTables, tablesFeeding, type ComputedState } from '../../shared/engine/replica';
import type { DraftContent, DraftMeta } from '../../shared/draft';
import type { Template } from '../../shared/template/types';
import type { DraftStore } from '../store/draft-store';

/**
 * What a window shows first of a draft (its first tab's tables): the entered cells and the
 * figures computed from the whole draft. Computing those figures of a large draft that is not
 * in memory takes its tables that feed them (tens to hundreds of ms); a draft opened again
 * with nothing changed since takes them as last computed: kept per draft with the revision
 * and the build (the app's version and the template's content) they were computed at.
 */
export interface FirstView {
  part: string[];
  content: DraftContent;
  computed: ComputedState;
}

const templateHashes = new WeakMap<Template, string>();

/** The build a kept view is valid for. */
export function viewBuild(appBuild: string, template: Template): string {
  let hash = templateHashes.get(template);
  if (!hash) templateHashes.set(template, (hash = createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 16)));
  return `${appBuild}:${template.id}:${hash}`;
}

/** The first view of a draft's model in memory (the whole draft's). */
export function firstViewOf(model: DraftModel): FirstView {
  const part = firstShownTables(model.template);
  return { part, content: contentPart(model.content, part), computed: model.computedState(part) };
}

/**
 * The first view of a draft not in memory: as kept when its revision and build match, else
 * computed (and kept).
 */
export function readFirstView(store: DraftStore, meta: DraftMeta, template: Template, build: string): FirstView {
  const part = firstShownTables(template);
  const kept = store.firstView(meta.id);
  if (kept && kept.revision === meta.revision && kept.build === build) {
    return { part, content: store.contentOf(meta.id, part), computed: JSON.parse(kept.computedJson) as ComputedState };
  }
  return computeFirstView(store, meta, template, build);
}

/** Compute a draft's first view from the tables that feed it alone, and keep it. */
export function computeFirstView(store: DraftStore, meta: DraftMeta, template: Template, build: string): FirstView {
  const part = firstShownTables(template);
  const view = firstViewOf(new DraftModel(template, store.contentOf(meta.id, tablesFeeding(template, part)), { only: part, adopt: true }));
  keepFirstView(store, meta, build, view);
  return view;
}

/** Keep a draft's first view at its revision. */
export function keepFirstView(store: DraftStore, meta: DraftMeta, build: string, view: FirstView): void {
  store.putFirstView(meta.id, meta.revision, build, JSON.stringify(view.computed));
}
