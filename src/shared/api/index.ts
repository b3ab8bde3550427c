/**
 * The one typed contract between the renderer and the main process. Each domain declares
 * its methods in its own file; main implements all of them in one object so the compiler
 * proves nothing is missing; the renderer imports these types only.
 */
import type { ExcelApi } from './excel';
import type { NarrativeApi } from './narrative';
import type { PublicationApi } from './publication';
import type { ReviewApi } from './review';
import type { StoreApi } from './store';
import type { UnitsApi } from './units';
import type { ValidationApi } from './validation';

export type Handlers = StoreApi &
  ValidationApi &
  ExcelApi &
  ReviewApi &
  NarrativeApi &
  PublicationApi &
  UnitsApi;
export type Method = keyof Handlers;
export type ArgsOf<M extends Method> = Parameters<Handlers[M]>[0];
export type ResultOf<M extends Method> = ReturnType<Handlers[M]>;

/** Events main pushes to every window. */
export interface Events {
  /** A draft changed (an edit, an undo, a status): the other windows showing it follow. */
  'draft/changed': { draftId: string; revision: number };
}

export * from './common';
export type * from './store';
export type * from './validation';
export type * from './excel';
export type * from './review';
export type * from './narrative';
export type * from './publication';
export type * from './units';
