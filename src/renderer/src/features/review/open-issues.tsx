import { useEffect, useState } from 'react';
import type { Finding } from '../../../../shared/findings';
import type { CallFn } from '../../api/client';
import { countProblems, findingSections } from '../../../../shared/validation/problems';

/** What is still open in a draft before it leaves (export) or is signed: 强制 problems and unresolved comments. */
export interface OpenIssues {
  errors: number;
  comments: number;
}

/** Open 强制 problems (from the window's live list, counted as its findings panel counts them) and unresolved review comments (asked from the store). */
export function useOpenIssues(call: CallFn, draftId: string, findings: readonly Finding[]): OpenIssues | null {
  const [comments, setComments] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    call('comments/list', { draftId }).then(
      (list) => live && setComments(list.filter((c) => !c.resolved).length),
      () => live && setComments(0),
    );
    return () => {
      live = false;
    };
  }, [call, draftId]);
  if (comments === null) return null;
  return { errors: countProblems(findingSections(findings, [])).error, comments };
}

/** The sentence that names what is open, or null when nothing is. */
export function openIssuesText(issues: OpenIssues | null): string | null {
  if (!issues || (!issues.errors && !issues.comments)) return null;
  const parts = [];
  if (issues.errors) parts.push(`${issues.errors} 条“强制”审核问题`);
  if (issues.comments) parts.push(`${issues.comments} 条未解决的审核意见`);
  return `本稿仍有 ${parts.join('和 ')}`;
}

/** A warning box naming what is open; `consequence` says what going on means. */
export function OpenIssuesWarning({ issues, consequence }: { issues: OpenIssues | null; consequence: string }) {
  const text = openIssuesText(issues);
  if (!text) return null;
  return (
    <p className="bd-open-issues" role="alert" data-testid="open-issues">
      ⚠ {text}。{consequence}
    </p>
  );
}
