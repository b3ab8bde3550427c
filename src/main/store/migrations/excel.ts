import type { Migration } from './types';

/** Schema of the excel domain (versions 30–39). */
export const excelMigrations: Migration[] = [];
