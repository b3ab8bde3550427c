import type { Migration } from './types';

/** Schema of the validation domain (versions 20–29). */
export const validationMigrations: Migration[] = [];
