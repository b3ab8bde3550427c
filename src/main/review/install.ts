import { fail, LOCAL_USER } from '../../shared/api/common';
import type { SignOffLine } from '../../shared/review/signoff';
import { signOffLines } from '../../shared/review/signoff';
import { templateOf } from '../../shared/regions';
import { blockingFindings, createFindingEngine } from '../../shared/validation';
import type { AppContext } from '../api/context';
import { AccountService } from './accounts';
import { ReviewExchange } from './exchange';
import { signOffSheet } from './export-signoff';
import { fingerprintOf } from './fingerprint';
import { ReviewService, type DraftPort } from './review-service';

export interface ReviewServices {
  accounts: AccountService;
  review: ReviewService;
  exchange: ReviewExchange;
}

/** The parts of the app the review builds on and extends. */
type ReviewHost = Pick<AppContext, 'db' | 'drafts' | 'dictionaries' | 'storage' | 'exporter' | 'draftFiles' | 'currentUser'>;

/**
 * The review services of an app, built once by the composition root (../app.ts), and their
 * hooks: the logged-in user becomes ctx.currentUser (the local clerk until accounts exist); a
 * guard refuses changes by role and state; a hook voids a signature whenever a signed draft's
 * state or figures move away from what was signed; a draft file carries the review section
 * and opening one checks it; an exported workbook prints the sign-off.
 */
export function installReview(ctx: ReviewHost): ReviewServices {
  const db = () => ctx.db;
  const drafts = ctx.drafts;
  const accounts = new AccountService(db);
  const port: DraftPort = {
    getMeta: (id) => drafts.getMeta(id),
    getSnapshot: (id) => drafts.getSnapshot(id),
    getModel: (id) => drafts.getModel(id),
    setStatus: (id, status) => void drafts.setStatus(id, status),
    // Before submission and sign-off the rules run in full (the engine's oracle), not incrementally.
    blockingFindings: (id) => {
      const template = templateOf(drafts.getMeta(id));
      const findings = createFindingEngine(template, ctx.dictionaries).full(drafts.getModel(id));
      return blockingFindings(findings, drafts.listExplanations(id));
    },
    transaction: (fn) => ctx.db.transaction(fn)(),
    annexOf: (id) => ({ prior: drafts.getPriorContent(id), explanations: drafts.listExplanations(id) }),
  };
  const review = new ReviewService(db, accounts, port);
  const exchange = new ReviewExchange(db, drafts, review, accounts);

  ctx.currentUser = () => accounts.currentUser() ?? LOCAL_USER;
  // A restored backup keeps the accounts, the lockouts and the keys this machine trusts.
  ctx.storage.keepOnRestore.push('review_users', 'review_lockouts', 'review_known_keys');

  drafts.beforeChange.push(({ draft, action }) => {
    if (action === 'delete') {
      const user = accounts.currentUser();
      if (draft.status === 'signed' && user && user.role !== 'supervisor') fail('forbidden', '已审签的预算草稿只有审核人可以删除');
      return;
    }
    const refusal = review.editRefusal(draft.status);
    if (refusal) fail(draft.status === 'submitted' || draft.status === 'signed' ? 'read-only' : 'forbidden', refusal);
  });

  drafts.afterChange.push((meta) => {
    if (review.isTransitioning() || !review.hasValidSignature(meta.id)) return;
    const signature = review.validSignature(meta.id);
    if (!signature) return;
    if (meta.status !== 'signed') {
      review.voidForChange(meta.id, '预算草稿不再处于“已审签”状态，签名作废');
      return;
    }
    const { content } = drafts.getSnapshot(meta.id);
    if (fingerprintOf(meta, content, drafts.getModel(meta.id)) !== signature.fingerprint) review.voidForChange(meta.id, '审签后数据发生变化，签名作废');
  });

  ctx.draftFiles.extensions.push({
    sections: (draftId) => ({ review: exchange.section(draftId) }),
    open: (file, asNew) => exchange.open(file, asNew),
  });
  ctx.exporter.extensions.push(signOffSheet((draftId) => review.validSignature(draftId)));

  return { accounts, review, exchange };
}

/** What the export prints for a draft's sign-off (审核人, date, fingerprint), or 未审签. */
export function signOffLinesFor(ctx: Pick<AppContext, 'review'>, draftId: string): SignOffLine[] {
  return signOffLines(ctx.review.review.validSignature(draftId));
}
