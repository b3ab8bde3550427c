import type { ImportVocabulary } from '../types';

/** How the Hebei tables are titled and headed in workbooks of other years and hands. */
export const hebei2024Vocabulary: ImportVocabulary = {
  titles: {},
  headers: {},
};
