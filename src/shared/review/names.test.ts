import { describe, expect, it } from 'vitest';
import { normalizePersonName } from './names';

describe('normalizePersonName', () => {
  it('folds what looks the same into one name', () => {
    for (const variant of ['李\u200B局长', '李局\u200D长', '\u202E李局长', '李局长\uFEFF', '李\u2066局长\u2069', ' 李局长 ', '李\u00AD局长', '李局\u200F长']) {
      expect(normalizePersonName(variant), JSON.stringify(variant)).toBe('李局长');
    }
    expect(normalizePersonName('Ｌｉ\u3000Ｊｕ')).toBe('Li Ju');
  });

  it('keeps names that differ visibly apart', () => {
    expect(normalizePersonName('李局长')).not.toBe(normalizePersonName('李副局长'));
  });
});
