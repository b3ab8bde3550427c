import type { SignatureInfo } from '../api/review';

/**
 * The sign-off as the export prints it under the tables (and the 情况说明 states it):
 * who signed, the date, and the fingerprint that `verify` can recompute from the figures.
 */
export interface SignOffLine {
  label: string;
  value: string;
}

/** Date part of an ISO timestamp in local wording: 2026年11月26日. */
export function signDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export function signOffLines(signature: SignatureInfo | null): SignOffLine[] {
  if (!signature || signature.state !== 'valid') {
    return [{ label: '部门主要负责人审签情况', value: '未审签' }];
  }
  return [
    { label: '部门主要负责人审签情况', value: '已审签' },
    { label: '审核人', value: signature.signer },
    { label: '审签日期', value: signDate(signature.signedAt) },
    { label: '签名指纹（SHA-256）', value: signature.fingerprint },
    ...(signature.signerKeyId ? [{ label: '审核人签章密钥编号', value: signature.signerKeyId }] : []),
  ];
}

/** Finds a fingerprint in printed sign-off text (64 hex digits), for verification of a workbook. */
export function findFingerprint(text: string): string | null {
  const m = /\b([0-9a-f]{64})\b/i.exec(text);
  return m ? m[1].toLowerCase() : null;
}
