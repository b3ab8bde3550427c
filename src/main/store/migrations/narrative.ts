import type { Migration } from './types';

/** Schema of the narrative domain (versions 40–49). */
export const narrativeMigrations: Migration[] = [];
