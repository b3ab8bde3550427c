import type { Migration } from './types';

/** Schema of the review domain (versions 50–59). */
export const reviewMigrations: Migration[] = [];
