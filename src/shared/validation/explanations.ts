import type { Explanation, Finding } from '../findings';

/**
 * What blocks submission and sign-off: every error, and every warning without a written
 * explanation (说明). Errors cannot be explained away.
 */
export function blockingFindings(findings: readonly Finding[], explanations: Iterable<Pick<Explanation, 'findingId' | 'text'>>): Finding[] {
  const explained = new Set<string>();
  for (const e of explanations) if (e.text.trim()) explained.add(e.findingId);
  return findings.filter((f) => f.severity === 'error' || !explained.has(f.id));
}

/** Whether a finding may carry an explanation, with the reason in Chinese when not. */
export function canExplain(finding: Finding | undefined): { ok: true } | { ok: false; message: string } {
  if (!finding) return { ok: false, message: '该提示已不存在（数据可能已修改），无需说明' };
  if (finding.severity === 'error') return { ok: false, message: '强制性错误不能通过说明放行，必须修改数据' };
  return { ok: true };
}
