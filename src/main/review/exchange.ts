import { randomUUID } from 'node:crypto';
import { fail } from '../../shared/api/common';
import type Database from 'better-sqlite3';
import type { FileNotice, SignatureInfo } from '../../shared/api/review';
import type { DraftContent, DraftMeta, DraftStatus } from '../../shared/draft';
import type { DraftModel } from '../../shared/engine/model';
import { DRAFT_STATUS_LABELS } from '../../shared/draft';
import { diffContents } from '../../shared/review/diff';
import { signDate } from '../../shared/review/signoff';
import { templateOf } from '../../shared/regions';
import type { OpenedFile } from '../services/draft-files';
import type { DraftService } from '../services/draft-service';
import { readDraftFile, type DraftFilePayload } from '../store/draft-file';
import { annexHashOf, contentHashOf, fingerprintOf } from './fingerprint';
import type { AccountService } from './accounts';
import { keyId, sealHolds } from './keys';
import type { ReviewService } from './review-service';
import { prepared } from '../store/statements';
import { normalizePersonName } from '../../shared/review/names';

/**
 * Review elsewhere: the store's draft file carries a review section (where the draft comes
 * from and at which revision, its status, signatures, versions and comments), so a draft can
 * go to a supervisor's machine and come back signed or returned with comments. Opening a file
 * checks it: a returned file older than the local draft, or figures changed since signing,
 * are detected, explained, and never taken as signed.
 */

export const REVIEW_SECTION_FORMAT = 'budget-desk-review';
export const REVIEW_SECTION_VERSION = 1;

type Row = Record<string, unknown>;

export interface ReviewFileSection {
  format: string;
  version: number;
  /** The draft on the clerk's machine that every copy stems from. */
  originDraftId: string;
  /** That draft's revision when it was sent. */
  originRevision: number;
  status: DraftStatus;
  signatures: Row[];
  versions: Row[];
  comments: Row[];
}

export type PayloadWithReview = DraftFilePayload & { review?: ReviewFileSection };

/** The review section of a draft file's payload, or null when it has none (or not one of ours). */
export function readReviewSection(value: unknown): ReviewFileSection | null {
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Partial<ReviewFileSection>;
  if (s.format !== REVIEW_SECTION_FORMAT || typeof s.originDraftId !== 'string' || typeof s.originRevision !== 'number') return null;
  return {
    format: s.format,
    version: s.version ?? 1,
    originDraftId: s.originDraftId,
    originRevision: s.originRevision,
    status: s.status ?? 'editing',
    signatures: Array.isArray(s.signatures) ? s.signatures : [],
    versions: Array.isArray(s.versions) ? s.versions : [],
    comments: Array.isArray(s.comments) ? s.comments : [],
  };
}

/** A signature record of a file's review section, for the draft `draftId`. */
function signatureOfRow(row: Row, draftId: string): SignatureInfo {
  return {
    id: String(row.id),
    draftId,
    signerId: String(row.signer_id),
    signer: String(row.signer_name),
    signedAt: String(row.signed_at),
    fingerprint: String(row.fingerprint),
    contentHash: String(row.content_hash),
    revision: Number(row.revision),
    versionId: String(row.version_id),
    publicKey: typeof row.public_key === 'string' ? row.public_key : null,
    signerKeyId: typeof row.public_key === 'string' ? keyId(row.public_key) : null,
    seal: typeof row.seal === 'string' ? row.seal : null,
    state: row.state === 'valid' ? 'valid' : 'void',
    voidedAt: (row.voided_at as string | null) ?? null,
    voidReason: (row.void_reason as string | null) ?? null,
  };
}

/**
 * Whether a file's figures are the ones signed (fingerprint and content hash) and the signature
 * record carries the signer's seal. Which key a signer may use is the caller's question.
 */
export function checkFileSignature(signature: SignatureInfo, payload: PayloadWithReview, model?: Pick<DraftModel, 'isDerived'>): { ok: boolean; message: string } {
  const meta = payload.meta;
  const fingerprint = fingerprintOf(meta, payload.content, model);
  if (fingerprint !== signature.fingerprint) {
    return {
      ok: false,
      message: `文件中的数据与审签时不一致（签名指纹不符：审签时 ${signature.fingerprint.slice(0, 12)}…，现为 ${fingerprint.slice(0, 12)}…），审签后数据被改动过，签名作废。`,
    };
  }
  if (contentHashOf(meta, payload.content) !== signature.contentHash) {
    return { ok: false, message: '文件中的内容与审签时不一致（内容校验不符），审签后文件被改动过，签名作废。' };
  }
  const annex = { prior: payload.prior ?? null, explanations: payload.explanations ?? [], comments: readReviewSection(payload.review)?.comments ?? [] };
  if (!sealHolds(signature, annexHashOf(annex, signature.signedAt))) {
    return {
      ok: false,
      message: `审签记录没有 ${signature.signer} 的有效签章（审签记录、上年数、提示说明或审核意见在审签后被改动，或签章是伪造的），签名作废。`,
    };
  }
  return { ok: true, message: '' };
}

/**
 * The valid signature a draft file carries, checked against its figures and seal (for printing
 * the sign-off outside the app: no key store here, the printed key id is for a person to compare);
 * `problem` says why a signature the file claims does not hold.
 */
export function signatureOfFile(payload: PayloadWithReview, model?: Pick<DraftModel, 'isDerived'>): { signature: SignatureInfo | null; problem: string | null } {
  const row = readReviewSection(payload.review)?.signatures.find((s) => s.state === 'valid');
  if (!row) return { signature: null, problem: null };
  const signature = signatureOfRow(row, '');
  const check = checkFileSignature(signature, payload, model);
  return check.ok ? { signature, problem: null } : { signature: null, problem: check.message };
}

export class ReviewExchange {
  constructor(
    private readonly database: () => Database.Database,
    private readonly drafts: DraftService,
    private readonly review: ReviewService,
    private readonly accounts: AccountService,
  ) {}

  private db(): Database.Database {
    return this.database();
  }

  /** The review section of a draft to be saved to a file. */
  section(draftId: string): ReviewFileSection {
    const meta = this.drafts.getMeta(draftId);
    const lineage = prepared(this.db(), 'SELECT origin_draft_id, origin_revision FROM review_lineage WHERE draft_id = ?').get(draftId) as
      | { origin_draft_id: string; origin_revision: number }
      | undefined;
    const all = (table: string) => prepared(this.db(), `SELECT * FROM ${table} WHERE draft_id = ? ORDER BY rowid`).all(draftId) as Row[];
    return {
      format: REVIEW_SECTION_FORMAT,
      version: REVIEW_SECTION_VERSION,
      originDraftId: lineage?.origin_draft_id ?? draftId,
      originRevision: lineage?.origin_revision ?? meta.revision,
      status: meta.status,
      signatures: all('review_signatures'),
      versions: all('review_versions'),
      comments: all('review_comments'),
    };
  }

  /**
   * Open a draft file. A file that comes back to the machine of its origin draft updates that
   * draft (status, signature, comments) when it is as new as the draft and unchanged since
   * signing; anything else opens as a new draft (via `openAsNew`), its signature kept only if
   * the figures still match it.
   */
  async open({ path, payload: read }: OpenedFile, openAsNew: () => Promise<DraftMeta>): Promise<DraftMeta> {
    const payload = read as PayloadWithReview;
    const section = readReviewSection(payload.review);
    const origin = section ? this.drafts.listDrafts().find((d) => d.id === section.originDraftId) : undefined;
    if (section && origin) return this.backToOrigin(path, payload, section, origin);

    const meta = await openAsNew();
    const messages: string[] = [];
    let ok = true;
    this.db().transaction(() => {
      if (section) {
        prepared(this.db(), 'INSERT OR REPLACE INTO review_lineage (draft_id, origin_draft_id, origin_revision, opened_at) VALUES (?, ?, ?, ?)')
          .run(meta.id, section.originDraftId, section.originRevision, new Date().toISOString());
        this.importRecords(meta.id, section, true);
      }
    })();
    const signature = this.review.validSignature(meta.id);
    const check = signature ? this.checkSignature(signature, payload) : null;
    if (check && !check.ok) {
      ok = false;
      messages.push(check.message);
      this.review.voidForChange(meta.id, check.message);
    } else if (signature) {
      messages.push(`文件已审签：审核人 ${signature.signer}，${signDate(signature.signedAt)}，签名指纹与数据一致，签章有效。`);
    } else if (meta.status === 'signed') {
      ok = false;
      messages.push('文件标为“已审签”，但没有有效的审签记录：按“编制中”打开。');
      this.review.voidForChange(meta.id, '文件没有有效的审签记录');
    }
    messages.unshift(`已从文件建立新的预算草稿（${DRAFT_STATUS_LABELS[this.drafts.getMeta(meta.id).status]}）。`);
    this.notice(meta.id, path, ok, messages);
    return this.drafts.getMeta(meta.id);
  }

  lastNotice(draftId: string): FileNotice | null {
    const row = prepared(this.db(), 'SELECT * FROM review_file_notices WHERE draft_id = ? ORDER BY id DESC LIMIT 1').get(draftId) as
      | { draft_id: string; file: string; ok: number; messages_json: string; at: string }
      | undefined;
    return row ? { file: row.file, ok: row.ok === 1, messages: JSON.parse(row.messages_json) as string[], at: row.at } : null;
  }

  // ------------------------------------------------------------------ internals

  /**
   * Does the file's content still match its valid signature, is the signature record sealed by
   * the signer's key, and is that a key this machine trusts for the signer (their local account's,
   * or one they registered here)? A key seen for the first time is not trusted: anyone can make one.
   */
  private checkSignature(signature: SignatureInfo, payload: PayloadWithReview): { ok: boolean; message: string } {
    const intact = checkFileSignature(signature, payload);
    if (!intact.ok) return intact;
    const signer = signature.signer;
    if (normalizePersonName(signer) !== signer) {
      return { ok: false, message: `审签人姓名“${normalizePersonName(signer)}”中含有不可见字符或变体字符，不能确认由本人审签，签名作废。` };
    }
    const key = signature.publicKey!.trim();
    const trusted = this.accounts.trustedKeys(signer);
    if (trusted.includes(key)) return { ok: true, message: '' };
    return {
      ok: false,
      message: trusted.length
        ? `签章所用的密钥（${keyId(key)}）不是本机登记的“${signer}”的密钥（${trusted.map(keyId).join('、')}），不能确认由本人审签，签名作废。`
        : `签章所用的密钥（${keyId(key)}）未在本机登记为“${signer}”的密钥，不能确认由本人审签，签名作废。请${signer}本人在本机登录审核人账户，用此文件登记一次签章密钥。`,
    };
  }

  /**
   * The logged-in supervisor registers the key that sealed their signature in a draft file (made
   * on their own machine): the file's figures and seal must hold, and the signer must be them.
   */
  registerKeyFrom(path: string): { signer: string; keyId: string } {
    this.accounts.requireRole('supervisor', '登记签章密钥');
    const payload = readDraftFile(path) as PayloadWithReview;
    const row = readReviewSection(payload.review)?.signatures.find((s) => s.state === 'valid');
    if (!row) fail('not-found', '文件中没有有效的审签记录，无法登记签章密钥');
    const signature = signatureOfRow(row, '');
    const intact = checkFileSignature(signature, payload);
    if (!intact.ok) fail('invalid-value', intact.message);
    const user = this.accounts.registerKey(signature.signer, signature.publicKey!, path);
    return { signer: user.name, keyId: keyId(signature.publicKey!) };
  }

  private backToOrigin(path: string, payload: PayloadWithReview, section: ReviewFileSection, local: DraftMeta): DraftMeta {
    const messages: string[] = [];
    let ok = false;
    const template = templateOf(local);
    const localContent: DraftContent = this.drafts.getSnapshot(local.id).content;
    const fileSignature = section.signatures.find((s) => s.state === 'valid');
    if (section.originRevision < local.revision) {
      messages.push(
        `文件是本机草稿第 ${section.originRevision} 版发出的副本，本机草稿此后又有修改（现为第 ${local.revision} 版）：文件比本机草稿旧，` +
          `其中的${DRAFT_STATUS_LABELS[section.status]}结果不适用于现在的数据，未采用；审核意见已导入。`,
      );
      this.db().transaction(() => this.importRecords(local.id, { ...section, signatures: [], versions: [] }))();
    } else if (section.originRevision > local.revision) {
      messages.push(`文件声称基于本机草稿第 ${section.originRevision} 版，但本机草稿只到第 ${local.revision} 版：文件来源不明，未采用。`);
    } else {
      const changes = diffContents(template, localContent, payload.content);
      const check = fileSignature ? this.checkSignature(signatureOfRow(fileSignature, local.id), payload) : { ok: true, message: '' };
      if (changes.length > 0 && section.status === 'signed') {
        messages.push(`文件中的数据与本机草稿有 ${changes.length} 处不同（例如 ${changes[0].tableTitle} ${changes[0].rowLabel} ${changes[0].colLabel}），审签不适用于本机数据，未采用。`);
      } else if (!check.ok) {
        messages.push(check.message.replace('签名作废', '签名无效，未采用'));
      } else if (changes.length > 0) {
        messages.push(`文件中的数据与本机草稿有 ${changes.length} 处不同，未采用；请核对后再处理。`);
      } else {
        ok = true;
        this.db().transaction(() => {
          this.importRecords(local.id, section);
          if (section.status !== local.status) this.drafts.setStatus(local.id, section.status);
        })();
        const signature = this.review.validSignature(local.id);
        messages.push(
          signature
            ? `已采用审核结果：已审签（审核人 ${signature.signer}，${signDate(signature.signedAt)}，签名指纹与本机数据一致，签章有效）。`
            : `已采用审核结果：${DRAFT_STATUS_LABELS[section.status]}。`,
        );
      }
    }
    const open = section.comments.filter((c) => !c.parent_id && !c.resolved_at).length;
    if (open) messages.push(`文件带有 ${open} 条未解决的审核意见。`);
    this.notice(local.id, path, ok, messages);
    return this.drafts.getMeta(local.id);
  }

  /**
   * Versions, signatures and comments of a file, under a local draft id. Back at the origin the
   * ids are the same records (known ones are skipped); a new copy gets fresh ids, references kept.
   */
  private importRecords(draftId: string, section: ReviewFileSection, fresh = false): void {
    const ids = new Map<string, string>();
    const local = (id: unknown): unknown => {
      if (!fresh || typeof id !== 'string') return id;
      if (!ids.has(id)) ids.set(id, randomUUID());
      return ids.get(id);
    };
    const refs = new Set(['id', 'version_id', 'parent_id']);
    const insert = (table: string, columns: string[], rows: Row[]) => {
      const stmt = prepared(this.db(), `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`);
      for (const r of rows) {
        const values: Row = {};
        for (const c of columns) values[c] = c === 'draft_id' ? draftId : refs.has(c) ? local(r[c] ?? null) : (r[c] ?? null);
        stmt.run(values);
      }
    };
    insert('review_versions', ['id', 'draft_id', 'kind', 'revision', 'created_at', 'user_name', 'fingerprint', 'meta_json', 'content_json'], section.versions);
    insert(
      'review_signatures',
      ['id', 'draft_id', 'version_id', 'signer_id', 'signer_name', 'signed_at', 'fingerprint', 'content_hash', 'revision', 'state', 'voided_at', 'void_reason', 'public_key', 'seal'],
      section.signatures.filter((s) => section.versions.some((v) => v.id === s.version_id) || (!fresh && this.hasVersion(String(s.version_id)))),
    );
    // Parents before replies, so a reply never points at a missing comment.
    const comments = [...section.comments.filter((c) => !c.parent_id), ...section.comments.filter((c) => c.parent_id)];
    insert(
      'review_comments',
      ['id', 'draft_id', 'parent_id', 'table_id', 'row_id', 'col_id', 'text', 'author_id', 'author_name', 'author_role', 'revision', 'created_at', 'resolved_by', 'resolved_at'],
      comments,
    );
    // A comment resolved elsewhere is resolved here too.
    const resolve = prepared(this.db(), 'UPDATE review_comments SET resolved_by = ?, resolved_at = ? WHERE id = ? AND draft_id = ? AND resolved_at IS NULL');
    for (const c of section.comments) if (c.resolved_at) resolve.run(c.resolved_by ?? '', c.resolved_at, local(c.id), draftId);
  }

  private hasVersion(id: string): boolean {
    return prepared(this.db(), 'SELECT 1 FROM review_versions WHERE id = ?').get(id) !== undefined;
  }

  private notice(draftId: string, file: string, ok: boolean, messages: string[]): void {
    prepared(this.db(), 'INSERT INTO review_file_notices (draft_id, file, ok, messages_json, at) VALUES (?, ?, ?, ?, ?)')
      .run(draftId, file, ok ? 1 : 0, JSON.stringify(messages), new Date().toISOString());
  }
}
