/** Review methods of the API contract (see ./index.ts): accounts, states, comments, sign-off, history. */
import type { DraftMeta, DraftStatus } from '../draft';

export type Role = 'clerk' | 'supervisor';

export const ROLE_LABELS: Record<Role, string> = { clerk: '编制人', supervisor: '审核人' };

export interface UserInfo {
  id: string;
  name: string;
  role: Role;
  /** Set on a login with a temporary password: nothing else works until the user sets their own. */
  mustChangePassword?: true;
}

export interface AccountsStatus {
  /** False on first run: the first account may be created without logging in. */
  hasAccounts: boolean;
  currentUser: UserInfo | null;
  /** Logged in with a temporary password, not yet changed (then currentUser is null). */
  pendingPasswordChange: UserInfo | null;
  /** Names and roles for the login form. */
  users: UserInfo[];
}

export type ReviewAction = 'submit' | 'withdraw' | 'return' | 'sign' | 'reopen';

/** What a comment points at: a cell, a whole table, or the draft (no table). */
export interface CommentTarget {
  table?: string;
  row?: string;
  col?: string;
}

export interface CommentReply {
  id: string;
  author: string;
  role: Role;
  at: string;
  text: string;
}

export interface ReviewComment {
  id: string;
  draftId: string;
  target: CommentTarget;
  /** Where it points, in words (表、行、栏). */
  targetLabel: string;
  author: string;
  role: Role;
  at: string;
  text: string;
  /** Draft revision the comment was written against. */
  revision: number;
  replies: CommentReply[];
  resolved: { by: string; at: string } | null;
}

export type SignatureState = 'valid' | 'void';

export interface SignatureInfo {
  id: string;
  draftId: string;
  signerId: string;
  signer: string;
  signedAt: string;
  /** SHA-256 (hex) of the canonical serialization of the signed published content. */
  fingerprint: string;
  /** SHA-256 of the whole stored content: guards a draft file's integrity. */
  contentHash: string;
  revision: number;
  versionId: string;
  /** The signer's Ed25519 public key (PEM) and its short id for people to compare. */
  publicKey: string | null;
  signerKeyId: string | null;
  /** Ed25519 signature over the fingerprints, the signer and the time, made with the signer's key. */
  seal: string | null;
  state: SignatureState;
  voidedAt: string | null;
  voidReason: string | null;
}

export type VersionKind = 'submit' | 'sign';

export const VERSION_KIND_LABELS: Record<VersionKind, string> = { submit: '提交', sign: '审签' };

export interface VersionInfo {
  id: string;
  draftId: string;
  kind: VersionKind;
  revision: number;
  at: string;
  user: string;
  fingerprint: string;
}

/** One changed entered cell between two versions, labelled as the tables print it. */
export interface CellChange {
  key: string;
  table: string;
  row: string;
  col: string;
  tableTitle: string;
  rowLabel: string;
  colLabel: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface ReviewState {
  meta: DraftMeta;
  status: DraftStatus;
  currentUser: UserInfo | null;
  /** The logged-in user may edit the figures now. */
  canEdit: boolean;
  /** Why not (the review's own message), or null when canEdit: the draft window is read-only with it. */
  editRefusal: string | null;
  /** Actions the logged-in user may take now. */
  actions: ReviewAction[];
  /** The valid signature, when signed. */
  signature: SignatureInfo | null;
  /** The last voided signature, so the UI can say the old one was voided (作废). */
  lastVoided: SignatureInfo | null;
  openComments: number;
  /** What the last opening of a draft file found (returned file older than the draft, figures changed since signing …). */
  fileNotice: FileNotice | null;
}

export interface FileNotice {
  file: string;
  /** The file's review result was taken over (false: something was detected and explained). */
  ok: boolean;
  messages: string[];
  at: string;
}

/** One step of the workflow: who moved the draft from which state to which, when, with what note. */
export interface ReviewEvent {
  action: ReviewAction | 'void';
  from: DraftStatus;
  to: DraftStatus;
  user: string;
  note: string | null;
  at: string;
}

/** Result of checking figures (a workbook's, a draft's) against a recorded fingerprint. */
export interface FingerprintCheckResult {
  ok: boolean;
  /** The fingerprint checked against (printed in the workbook, or given). */
  expected: string;
  /** The fingerprint of the figures as they are. */
  actual: string;
  message: string;
}

/** A version to diff: a recorded version id or the current content. */
export type VersionRef = string | 'current';

export interface ReviewApi {
  'accounts/status': (args: Record<string, never>) => AccountsStatus;
  /**
   * First run: anyone creates the first account (their own, logged in at once). The first 审核人
   * account is the supervisor's own: a logged-in clerk may let the supervisor create it, and it
   * logs in as the supervisor. Every other account is added by a supervisor with a temporary
   * password its holder must change at first login; a clerk never sets another person's password.
   */
  'accounts/create': (args: { name: string; role: Role; password: string }) => UserInfo;
  'accounts/login': (args: { name: string; password: string }) => UserInfo;
  'accounts/logout': (args: Record<string, never>) => { loggedOut: true };
  /** The logged-in user's own password, or a temporary one right after login (the signing key stays the same). */
  'accounts/changePassword': (args: { oldPassword: string; newPassword: string }) => { changed: true };
  /**
   * The logged-in supervisor registers, once on this machine, the signing key of their own
   * other machine, taken from a draft file they signed there; only signatures sealed with a
   * key this machine trusts (a local account's or one registered so) are accepted.
   */
  'accounts/registerKey': (args: { path: string }) => { signer: string; keyId: string };
  'review/state': (args: { draftId: string }) => ReviewState;
  'review/submit': (args: { draftId: string }) => ReviewState;
  'review/withdraw': (args: { draftId: string }) => ReviewState;
  /** The supervisor sends a submitted draft back; the reason is required and stays as a comment on the draft. */
  'review/return': (args: { draftId: string; reason: string }) => ReviewState;
  /** The supervisor re-enters the password to sign. */
  'review/sign': (args: { draftId: string; password: string }) => ReviewState;
  /** Back to 编制中 from 已提交/已审签; voids a signature. */
  'review/reopen': (args: { draftId: string }) => ReviewState;
  'comments/list': (args: { draftId: string }) => ReviewComment[];
  'comments/add': (args: { draftId: string; target: CommentTarget; text: string }) => ReviewComment;
  'comments/reply': (args: { draftId: string; commentId: string; text: string }) => ReviewComment;
  'comments/resolve': (args: { draftId: string; commentId: string }) => ReviewComment;
  'versions/list': (args: { draftId: string }) => VersionInfo[];
  'versions/diff': (args: { draftId: string; from: VersionRef; to: VersionRef }) => CellChange[];
  'signatures/list': (args: { draftId: string }) => SignatureInfo[];
  /** The workflow steps of a draft, oldest first. */
  'review/events': (args: { draftId: string }) => ReviewEvent[];
  /** Check a workbook's figures against the fingerprint it prints (or a given one). */
  'review/verifyWorkbook': (args: { path: string; fingerprint?: string }) => FingerprintCheckResult;
  /** Check a draft's current figures and its signature record (fingerprint and seal). */
  'review/verifyDraft': (args: { draftId: string }) => FingerprintCheckResult;
}

