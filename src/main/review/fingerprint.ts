import { createHash } from 'node:crypto';
import type { DraftContent } from '../../shared/draft';
import type { DraftModel } from '../../shared/engine/model';
import { canonicalFullContent, canonicalSignedAnnex, canonicalSignedContent, type SignedAnnex, type SignedMeta } from '../../shared/review/canonical';
import { templateOf } from '../../shared/regions';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The printed fingerprint: SHA-256 of the canonical signed content (published tables + meta). */
export function fingerprintOf(meta: SignedMeta, content: DraftContent, model?: Pick<DraftModel, 'isDerived'>): string {
  return sha256Hex(canonicalSignedContent(templateOf(meta), meta, content, model));
}

/** SHA-256 of all stored content, raw ids included. */
export function contentHashOf(meta: SignedMeta, content: DraftContent): string {
  return sha256Hex(canonicalFullContent(meta, content));
}

/** SHA-256 of what a sign-off approves besides the figures (prior year, explanations, comments as they stood). */
export function annexHashOf(annex: SignedAnnex, signedAt: string): string {
  return sha256Hex(canonicalSignedAnnex(annex, signedAt));
}

export interface FingerprintCheck {
  ok: boolean;
  expected: string;
  actual: string;
  /** Chinese explanation for the clerk or the CLI. */
  message: string;
}

/**
 * Recompute the fingerprint of figures read back from somewhere else (a workbook's import,
 * a draft file) and compare it with a recorded one.
 */
export function verifyFingerprint(meta: SignedMeta, content: DraftContent, recorded: string): FingerprintCheck {
  const actual = fingerprintOf(meta, content);
  const expected = recorded.trim().toLowerCase();
  const ok = actual === expected;
  return {
    ok,
    expected,
    actual,
    message: ok
      ? '数据与审签时的签名指纹一致，审签后未被修改'
      : `数据与审签时的签名指纹不一致：审签后数据已被修改（记录的指纹 ${expected.slice(0, 12)}…，按现有数据计算为 ${actual.slice(0, 12)}…）`,
  };
}
