import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { fail } from '../../shared/api/common';
import type {
  CellChange,
  CommentTarget,
  FingerprintCheckResult,
  ReviewEvent,
  ReviewAction,
  ReviewComment,
  ReviewState,
  Role,
  SignatureInfo,
  UserInfo,
  VersionInfo,
  VersionKind,
  VersionRef,
} from '../../shared/api/review';
import type { DraftContent, DraftMeta, DraftStatus } from '../../shared/draft';
import type { DraftModel } from '../../shared/engine/model';
import { SEVERITY_LABELS, type Finding } from '../../shared/findings';
import { diffContents } from '../../shared/review/diff';
import type { SignedAnnex } from '../../shared/review/canonical';
import { cellLabel, tableTitle } from '../../shared/review/labels';
import { draftRefusal } from '../../shared/edit-policy';
import { availableActions, checkTransition, editRefusal, returnReasonRefusal } from '../../shared/review/states';
import { getTemplate, templateOf } from '../../shared/regions';
import { countProblems, findingSections, followersLabel, groupFindings, rulesVersion } from '../../shared/validation';
import type { AccountService } from './accounts';
import { annexHashOf, contentHashOf, fingerprintOf } from './fingerprint';
import { keyId, sealHolds, sealMessage } from './keys';
import { prepared } from '../store/statements';

/** What the review needs from the draft store (its DraftService, adapted in ./install.ts). */
export interface DraftPort {
  getMeta(draftId: string): DraftMeta;
  getSnapshot(draftId: string): { meta: DraftMeta; content: DraftContent };
  /** The draft's computed model (which cells are derived), same state as the snapshot. */
  getModel(draftId: string): Pick<DraftModel, 'isDerived'>;
  setStatus(draftId: string, status: DraftStatus): void;
  /** Findings that block submission: errors and warnings without a written explanation. */
  blockingFindings(draftId: string): Finding[];
  /** Runs `fn` in one store transaction (the same database as the review tables). */
  transaction<T>(fn: () => T): T;
  /** What a sign-off approves of the draft besides its figures: the prior-year layer and the explanations. */
  annexOf(draftId: string): Omit<SignedAnnex, 'comments'>;
}

interface CommentRow {
  id: string;
  draft_id: string;
  parent_id: string | null;
  table_id: string | null;
  row_id: string | null;
  col_id: string | null;
  text: string;
  author_name: string;
  author_role: Role;
  revision: number;
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

interface SignatureRow {
  id: string;
  draft_id: string;
  version_id: string;
  signer_id: string;
  signer_name: string;
  signed_at: string;
  fingerprint: string;
  content_hash: string;
  revision: number;
  state: 'valid' | 'void';
  voided_at: string | null;
  void_reason: string | null;
  public_key: string | null;
  seal: string | null;
}

interface VersionRow {
  id: string;
  draft_id: string;
  kind: VersionKind;
  revision: number;
  created_at: string;
  user_name: string;
  fingerprint: string;
  meta_json: string;
  content_json: string;
}

const MAX_LISTED_PROBLEMS = 20;

function toSignature(r: SignatureRow): SignatureInfo {
  return {
    id: r.id,
    draftId: r.draft_id,
    signerId: r.signer_id,
    signer: r.signer_name,
    signedAt: r.signed_at,
    fingerprint: r.fingerprint,
    contentHash: r.content_hash,
    revision: r.revision,
    versionId: r.version_id,
    publicKey: r.public_key,
    signerKeyId: r.public_key ? keyId(r.public_key) : null,
    seal: r.seal,
    state: r.state,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
  };
}

function toVersion(r: VersionRow): VersionInfo {
  return { id: r.id, draftId: r.draft_id, kind: r.kind, revision: r.revision, at: r.created_at, user: r.user_name, fingerprint: r.fingerprint };
}

/** The review workflow: state changes by role, comments, versions, signatures. */
export class ReviewService {
  constructor(
    private readonly database: () => Database.Database,
    private readonly accounts: AccountService,
    private readonly drafts: DraftPort,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  private db(): Database.Database {
    return this.database();
  }

  private transitions = 0;

  /** True while the review itself changes a draft's status (its hooks need not re-check). */
  isTransitioning(): boolean {
    return this.transitions > 0;
  }

  private inTransition<T>(fn: () => T): T {
    this.transitions++;
    try {
      return this.drafts.transaction(fn);
    } finally {
      this.transitions--;
    }
  }

  // ------------------------------------------------------------------ guard

  /**
   * Refusal of a content change by the logged-in user, or null when allowed. Without any
   * account (a single user who never set up review) the clerk's default applies.
   */
  editRefusal(status: DraftStatus): string | null {
    const user = this.accounts.currentUser();
    if (!user) {
      if (this.accounts.hasAccounts()) return '请先登录';
      return draftRefusal({ status });
    }
    return editRefusal(status, user.role);
  }

  // ------------------------------------------------------------------ state

  state(draftId: string): ReviewState {
    const meta = this.drafts.getMeta(draftId);
    const user = this.accounts.currentUser();
    const signatures = this.signatures(draftId);
    const refusal = this.editRefusal(meta.status);
    const open = prepared(this.db(), 'SELECT COUNT(*) AS n FROM review_comments WHERE draft_id = ? AND parent_id IS NULL AND resolved_at IS NULL')
      .get(draftId) as { n: number };
    return {
      meta,
      status: meta.status,
      currentUser: user,
      canEdit: refusal === null,
      editRefusal: refusal,
      actions: user ? availableActions(meta.status, user.role) : [],
      signature: signatures.find((s) => s.state === 'valid') ?? null,
      lastVoided: signatures.find((s) => s.state === 'void') ?? null,
      openComments: open.n,
      fileNotice: null,
    };
  }

  submit(draftId: string): ReviewState {
    const user = this.accounts.requireUser();
    const { meta, content } = this.drafts.getSnapshot(draftId);
    this.check(meta.status, 'submit', user);
    this.refuseWhileBlocked(draftId, '提交');
    this.inTransition(() => {
      this.recordVersion('submit', meta, content, user);
      this.move(draftId, meta.status, 'submitted', 'submit', user, this.checkedWith(draftId));
    });
    return this.state(draftId);
  }

  withdraw(draftId: string): ReviewState {
    const user = this.accounts.requireUser();
    const meta = this.drafts.getMeta(draftId);
    this.check(meta.status, 'withdraw', user);
    this.inTransition(() => this.move(draftId, meta.status, 'editing', 'withdraw', user));
    return this.state(draftId);
  }

  /** Sends a submitted draft back; the reason is required (the clerk has to know what to fix) and stays as a comment. */
  return(draftId: string, reason: string): ReviewState {
    const user = this.accounts.requireUser();
    const meta = this.drafts.getMeta(draftId);
    this.check(meta.status, 'return', user);
    const refusal = returnReasonRefusal(reason);
    if (refusal) fail('invalid-value', refusal);
    const why = this.commentText(reason);
    this.inTransition(() => {
      this.insertComment(draftId, null, {}, why, user, meta.revision);
      this.move(draftId, meta.status, 'returned', 'return', user, why);
    });
    return this.state(draftId);
  }

  async sign(draftId: string, password: string): Promise<ReviewState> {
    const user = this.accounts.requireUser();
    const before = this.drafts.getMeta(draftId);
    this.check(before.status, 'sign', user);
    if (!(await this.accounts.confirmPassword(user, password))) fail('forbidden', '密码不正确，未审签');
    this.refuseWhileBlocked(draftId, '审签');
    const { meta, content } = this.drafts.getSnapshot(draftId);
    const signedAt = this.now();
    const fingerprint = fingerprintOf(meta, content, this.drafts.getModel(draftId));
    const contentHash = contentHashOf(meta, content);
    const annexHash = this.annexHash(draftId, signedAt);
    const sealed = await this.accounts.seal(user, password, sealMessage({ fingerprint, contentHash, signerId: user.id, signer: user.name, signedAt, annexHash }));
    if (!sealed) fail('forbidden', '无法用该账户的密钥签章（密码不正确或密钥缺失），未审签');
    this.inTransition(() => {
      // Nothing may have changed while the password was checked: what is fingerprinted is what is marked signed.
      const now = this.drafts.getMeta(draftId);
      if (now.revision !== meta.revision || now.status !== 'submitted' || this.annexHash(draftId, signedAt) !== annexHash) {
        fail('conflict', '审签期间预算草稿发生了变化，请重新审签');
      }
      const version = this.recordVersion('sign', meta, content, user, { fingerprint, at: signedAt });
      prepared(
        this.db(),
        `INSERT INTO review_signatures (id, draft_id, version_id, signer_id, signer_name, signed_at, fingerprint, content_hash, revision, state, public_key, seal)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?)`,
      ).run(randomUUID(), draftId, version.id, user.id, user.name, signedAt, fingerprint, contentHash, meta.revision, sealed.publicKey, sealed.seal);
      this.move(draftId, meta.status, 'signed', 'sign', user, this.checkedWith(draftId));
    });
    return this.state(draftId);
  }

  reopen(draftId: string): ReviewState {
    const user = this.accounts.requireUser();
    const meta = this.drafts.getMeta(draftId);
    this.check(meta.status, 'reopen', user);
    this.inTransition(() => {
      this.voidSignatures(draftId, `${user.name}重新编辑，签名作废`);
      this.move(draftId, meta.status, 'editing', 'reopen', user);
    });
    return this.state(draftId);
  }

  /**
   * The content of a signed draft changed by another way than editing here (an opened file):
   * the signature is voided and the draft goes back to 编制中.
   */
  voidForChange(draftId: string, reason: string): void {
    const meta = this.drafts.getMeta(draftId);
    this.inTransition(() => {
      this.voidSignatures(draftId, reason);
      if (meta.status !== 'editing') this.move(draftId, meta.status, 'editing', 'void', null, reason);
    });
  }

  // ------------------------------------------------------------------ comments

  comments(draftId: string): ReviewComment[] {
    const { meta, content } = this.drafts.getSnapshot(draftId);
    const rows = prepared(this.db(), 'SELECT * FROM review_comments WHERE draft_id = ? ORDER BY created_at, rowid').all(draftId) as CommentRow[];
    const template = templateOf(meta);
    const byId = new Map<string, ReviewComment>();
    const out: ReviewComment[] = [];
    for (const r of rows) {
      if (r.parent_id) {
        byId.get(r.parent_id)?.replies.push({ id: r.id, author: r.author_name, role: r.author_role, at: r.created_at, text: r.text });
        continue;
      }
      const target: CommentTarget = {};
      if (r.table_id) target.table = r.table_id;
      if (r.row_id) target.row = r.row_id;
      if (r.col_id) target.col = r.col_id;
      const targetLabel =
        target.table && target.row && target.col
          ? cellLabel(template, `${target.table}!${target.row}!${target.col}`, [content])
          : target.table
            ? tableTitle(template, target.table)
            : '整个预算草稿';
      const c: ReviewComment = {
        id: r.id,
        draftId: r.draft_id,
        target,
        targetLabel,
        author: r.author_name,
        role: r.author_role,
        at: r.created_at,
        text: r.text,
        revision: r.revision,
        replies: [],
        resolved: r.resolved_at ? { by: r.resolved_by ?? '', at: r.resolved_at } : null,
      };
      byId.set(c.id, c);
      out.push(c);
    }
    return out;
  }

  addComment(draftId: string, target: CommentTarget, text: string): ReviewComment {
    const user = this.accounts.requireUser();
    const meta = this.drafts.getMeta(draftId);
    const body = this.commentText(text);
    this.checkTarget(meta.templateId, target);
    const id = this.insertComment(draftId, null, target, body, user, meta.revision);
    return this.comment(draftId, id);
  }

  reply(draftId: string, commentId: string, text: string): ReviewComment {
    const user = this.accounts.requireUser();
    const meta = this.drafts.getMeta(draftId);
    const parent = this.commentRow(draftId, commentId);
    this.insertComment(draftId, parent.id, {}, this.commentText(text), user, meta.revision);
    return this.comment(draftId, parent.id);
  }

  resolve(draftId: string, commentId: string): ReviewComment {
    const user = this.accounts.requireUser();
    const row = this.commentRow(draftId, commentId);
    if (!row.resolved_at) prepared(this.db(), 'UPDATE review_comments SET resolved_by = ?, resolved_at = ? WHERE id = ?').run(user.name, this.now(), row.id);
    return this.comment(draftId, row.id);
  }

  // ------------------------------------------------------------------ history

  versions(draftId: string): VersionInfo[] {
    this.drafts.getMeta(draftId); // unknown draft → not-found from the store
    const rows = prepared(this.db(), 'SELECT * FROM review_versions WHERE draft_id = ? ORDER BY created_at, rowid').all(draftId) as VersionRow[];
    return rows.map(toVersion);
  }

  diff(draftId: string, from: VersionRef, to: VersionRef): CellChange[] {
    const meta = this.drafts.getMeta(draftId);
    return diffContents(templateOf(meta), this.contentAt(draftId, from), this.contentAt(draftId, to));
  }

  signatures(draftId: string): SignatureInfo[] {
    const rows = prepared(this.db(), 'SELECT * FROM review_signatures WHERE draft_id = ? ORDER BY signed_at DESC, rowid DESC').all(draftId) as SignatureRow[];
    return rows.map(toSignature);
  }

  events(draftId: string): ReviewEvent[] {
    this.drafts.getMeta(draftId);
    return prepared(this.db(), 'SELECT action, from_status AS "from", to_status AS "to", user_name AS user, note, at FROM review_events WHERE draft_id = ? ORDER BY id')
      .all(draftId) as ReviewEvent[];
  }

  /** Recompute the fingerprint of the draft as it is and check the valid signature's seal. */
  verifyDraft(draftId: string): FingerprintCheckResult {
    const signature = this.validSignature(draftId);
    if (!signature) fail('conflict', '该预算草稿没有有效的审签，无可核对');
    const { meta, content } = this.drafts.getSnapshot(draftId);
    const actual = fingerprintOf(meta, content, this.drafts.getModel(draftId));
    const sealed = sealHolds(signature, this.annexHash(draftId, signature.signedAt));
    const ok = actual === signature.fingerprint && sealed;
    const message = !sealed
      ? `审签记录的签章与现有内容不符（审签记录、上年数、提示说明或审核意见在审签后被改动），不能确认由 ${signature.signer} 审签`
      : actual === signature.fingerprint
        ? `数据与 ${signature.signer} 审签时一致，签章有效（密钥编号 ${signature.signerKeyId}）`
        : '数据与审签时不一致：审签后数据被改动过';
    return { ok, expected: signature.fingerprint, actual, message };
  }

  /** Whether the draft has a valid signature: asked after every edit, so one indexed look-up. */
  hasValidSignature(draftId: string): boolean {
    return prepared(this.db(), "SELECT 1 FROM review_signatures WHERE draft_id = ? AND state = 'valid' LIMIT 1").get(draftId) !== undefined;
  }

  validSignature(draftId: string): SignatureInfo | null {
    return this.signatures(draftId).find((s) => s.state === 'valid') ?? null;
  }

  // ------------------------------------------------------------------ internals

  /** The hash of what a sign-off at `signedAt` approves besides the figures (see canonicalSignedAnnex). */
  private annexHash(draftId: string, signedAt: string): string {
    const comments = prepared(this.db(), 'SELECT * FROM review_comments WHERE draft_id = ?').all(draftId) as CommentRow[];
    return annexHashOf({ ...this.drafts.annexOf(draftId), comments }, signedAt);
  }

  private check(status: DraftStatus, action: ReviewAction, user: UserInfo): void {
    const r = checkTransition(status, action, user.role);
    if (!r.ok) fail(r.reason, r.message);
  }

  private refuseWhileBlocked(draftId: string, what: string): void {
    const blocking = this.drafts.blockingFindings(draftId);
    if (blocking.length === 0) return;
    // Counted and listed as the window lists them: a wrong figure and the sums it breaks are one
    // problem, its followers counted under it in the window's words.
    const { error, warning } = countProblems(findingSections(blocking, []));
    const parts = [error ? `${error} 项强制性错误` : '', warning ? `${warning} 项提示未填写说明` : ''].filter(Boolean).join('、');
    const problems = groupFindings(blocking);
    const lines = problems.slice(0, MAX_LISTED_PROBLEMS).flatMap(({ lead, related }) => [
      `【${SEVERITY_LABELS[lead.severity]}】${lead.message}`,
      ...(related.length ? [`  ${followersLabel(related.length)}`] : []),
    ]);
    if (problems.length > MAX_LISTED_PROBLEMS) lines.push(`……另有 ${problems.length - MAX_LISTED_PROBLEMS} 项`);
    fail('blocked', `不能${what}：还有 ${parts}。\n${lines.join('\n')}`, { findings: blocking });
  }

  /** The rule set a submission or a sign-off was checked with, recorded in the draft's history. */
  private checkedWith(draftId: string): string {
    return `按规则集 ${rulesVersion(templateOf(this.drafts.getMeta(draftId)))} 检查`;
  }

  private move(draftId: string, from: DraftStatus, to: DraftStatus, action: string, user: UserInfo | null, note: string | null = null): void {
    this.drafts.setStatus(draftId, to);
    prepared(this.db(), 'INSERT INTO review_events (draft_id, action, from_status, to_status, user_name, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(draftId, action, from, to, user?.name ?? '系统', note, this.now());
  }

  private voidSignatures(draftId: string, reason: string): void {
    prepared(this.db(), "UPDATE review_signatures SET state = 'void', voided_at = ?, void_reason = ? WHERE draft_id = ? AND state = 'valid'")
      .run(this.now(), reason, draftId);
  }

  private recordVersion(
    kind: VersionKind,
    meta: DraftMeta,
    content: DraftContent,
    user: UserInfo,
    known?: { fingerprint: string; at: string },
  ): VersionInfo {
    const row: VersionRow = {
      id: randomUUID(),
      draft_id: meta.id,
      kind,
      revision: meta.revision,
      created_at: known?.at ?? this.now(),
      user_name: user.name,
      fingerprint: known?.fingerprint ?? fingerprintOf(meta, content, this.drafts.getModel(meta.id)),
      meta_json: JSON.stringify(meta),
      content_json: JSON.stringify(content),
    };
    prepared(
      this.db(),
      `INSERT INTO review_versions (id, draft_id, kind, revision, created_at, user_name, fingerprint, meta_json, content_json)
       VALUES (@id, @draft_id, @kind, @revision, @created_at, @user_name, @fingerprint, @meta_json, @content_json)`,
    ).run(row);
    return toVersion(row);
  }

  private contentAt(draftId: string, ref: VersionRef): DraftContent {
    if (ref === 'current') return this.drafts.getSnapshot(draftId).content;
    const row = prepared(this.db(), 'SELECT content_json FROM review_versions WHERE id = ? AND draft_id = ?').get(ref, draftId) as
      | { content_json: string }
      | undefined;
    if (!row) fail('not-found', '没有这个历史版本');
    return JSON.parse(row.content_json) as DraftContent;
  }

  private commentText(text: string): string {
    const body = (text ?? '').trim();
    if (!body) fail('invalid-value', '意见内容不能为空');
    if (body.length > 2000) fail('invalid-value', '意见内容过长（最多 2000 字）');
    return body;
  }

  private checkTarget(templateId: string, target: CommentTarget): void {
    if (!target.table) {
      if (target.row || target.col) fail('bad-request', '意见指向的单元格缺少表');
      return;
    }
    const table = getTemplate(templateId).tables.find((t) => t.id === target.table);
    if (!table) fail('not-found', `模板中没有表 ${target.table}`);
    if (Boolean(target.row) !== Boolean(target.col)) fail('bad-request', '意见指向单元格时需同时给出行和栏');
    if (target.col && !table.columns.some((c) => c.id === target.col)) fail('not-found', `表“${table.title}”中没有栏目 ${target.col}`);
  }

  private insertComment(draftId: string, parentId: string | null, target: CommentTarget, text: string, user: UserInfo, revision: number): string {
    const id = randomUUID();
    prepared(
      this.db(),
      `INSERT INTO review_comments (id, draft_id, parent_id, table_id, row_id, col_id, text, author_id, author_name, author_role, revision, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, draftId, parentId, target.table ?? null, target.row ?? null, target.col ?? null, text, user.id, user.name, user.role, revision, this.now());
    return id;
  }

  private commentRow(draftId: string, commentId: string): CommentRow {
    const row = prepared(this.db(), 'SELECT * FROM review_comments WHERE id = ? AND draft_id = ? AND parent_id IS NULL').get(commentId, draftId) as
      | CommentRow
      | undefined;
    if (!row) fail('not-found', '没有这条意见');
    return row;
  }

  private comment(draftId: string, id: string): ReviewComment {
    const c = this.comments(draftId).find((x) => x.id === id);
    if (!c) fail('not-found', '没有这条意见');
    return c;
  }
}
