import type { Dictionaries } from '../../shared/dictionary';

/**
 * What every handler can reach: the services of the main process. The store adds its
 * services here; other domains add theirs (a field each).
 */
export interface AppContext {
  dataDir: string;
  dictionaries: Dictionaries;
}

/** Implementation of a part of the API: each method may be sync or async. */
export type HandlerImpl<Api> = {
  [K in keyof Api]: Api[K] extends (args: infer A) => infer R ? (args: A) => R | Promise<R> : never;
};
