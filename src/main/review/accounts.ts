import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { fail } from '../../shared/api/common';
import { ROLE_LABELS, type AccountsStatus, type Role, type UserInfo } from '../../shared/api/review';
import { createAccountKeys, reencryptKey, sealWith } from './keys';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { prepared } from '../store/statements';
import { normalizePersonName } from '../../shared/review/names';

interface UserRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  password_salt: string;
  must_change_password: number;
  public_key: string | null;
  private_key_enc: string | null;
}

const ROLES: Role[] = ['clerk', 'supervisor'];
const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

/**
 * Local accounts and the one logged-in user of this app instance. Nobody sets another
 * person's own password:
 * - the first account is created by anyone (first run) and is its creator's, logged in at once;
 * - the first 审核人 account is the supervisor's own: created in front of a logged-in clerk, it
 *   logs in as the supervisor (the clerk is logged out);
 * - every other account is added by a supervisor with a temporary password, which its holder
 *   must replace at first login before doing anything else.
 */
export class AccountService {
  private current: UserInfo | null = null;
  private sessionId: string | null = null;
  /** Logged in with a temporary password: only a password change is open to them. */
  private pending: UserInfo | null = null;

  /** The database is reached through a getter: a restored backup swaps it. */
  constructor(
    private readonly database: () => Database.Database,
    private readonly clock: () => number = Date.now,
  ) {}

  private db(): Database.Database {
    return this.database();
  }

  currentUser(): UserInfo | null {
    return this.current;
  }

  /** The logged-in user, or an ApiError asking to log in. */
  requireUser(): UserInfo {
    if (!this.current) fail('forbidden', '请先登录');
    return this.current;
  }

  /**
   * Whether any account exists (review is set up). Asked on every write, so it is read once per
   * database: accounts are only ever added, here, and a restored backup keeps them.
   */
  hasAccounts(): boolean {
    const db = this.db();
    if (this.accountsKnown?.db !== db) this.accountsKnown = { db, exist: prepared(db, 'SELECT EXISTS (SELECT 1 FROM review_users)').pluck().get() === 1 };
    return this.accountsKnown.exist;
  }

  private accountsKnown: { db: Database.Database; exist: boolean } | null = null;

  list(): UserInfo[] {
    return prepared(this.db(), 'SELECT id, name, role FROM review_users ORDER BY created_at, name').all() as UserInfo[];
  }

  status(): AccountsStatus {
    const users = this.list();
    return { hasAccounts: users.length > 0, currentUser: this.current, pendingPasswordChange: this.pending, users };
  }

  async create(args: { name: string; role: Role; password: string }): Promise<UserInfo> {
    // Names are compared as they look: a zero-width or bidi character makes no second 李局长.
    const name = normalizePersonName(args.name ?? '');
    if (!name) fail('invalid-value', '请输入姓名');
    if (name.length > 40) fail('invalid-value', '姓名过长（最多 40 个字）');
    if (!ROLES.includes(args.role)) fail('invalid-value', '角色只能是编制人或审核人');
    const problem = passwordProblem(args.password ?? '');
    if (problem) fail('invalid-value', problem);
    const users = this.list();
    const firstSupervisor = args.role === 'supervisor' && !users.some((u) => u.role === 'supervisor');
    // The holder typed the password (first run, or the first supervisor in person): it is theirs.
    const own = users.length === 0 || firstSupervisor;
    if (users.length > 0) {
      if (!this.current) fail('forbidden', '已有账户：请先登录，再添加其他账户');
      if (!own && this.current.role !== 'supervisor') fail('forbidden', '只有审核人可以添加账户（编制人不能为他人设置密码）');
    }
    if (users.some((u) => u.name === name)) fail('conflict', `已有名为“${name}”的账户`);
    const { hash, salt } = await hashPassword(args.password);
    const keys = await createAccountKeys(args.password);
    const user: UserInfo = { id: randomUUID(), name, role: args.role };
    prepared(
      this.db(),
      'INSERT INTO review_users (id, name, role, password_hash, password_salt, public_key, private_key_enc, must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(user.id, user.name, user.role, hash, salt, keys.publicKey, keys.privateKeyEnc, own ? 0 : 1, new Date().toISOString());
    this.accountsKnown = null;
    // Whoever typed their own password is logged in as themselves.
    if (own) this.startSession(user);
    return user;
  }

  async login(args: { name: string; password: string }): Promise<UserInfo> {
    const name = normalizePersonName(args.name ?? '');
    // Counted before the slow hash: attempts sent at once cannot all be checked.
    this.countAttempt(name);
    const row = prepared(this.db(), 'SELECT * FROM review_users WHERE name = ?').get(name) as UserRow | undefined;
    // Same message whether the name or the password is wrong; the hash runs either way.
    const ok = await verifyPassword(args.password ?? '', row ? { hash: row.password_hash, salt: row.password_salt } : DUMMY);
    if (!row || !ok) fail('forbidden', '姓名或密码不正确');
    this.clearAttempts(name);
    const user: UserInfo = { id: row.id, name: row.name, role: row.role };
    if (row.must_change_password) {
      // A temporary password opens nothing but the change to the holder's own.
      if (this.sessionId) this.logout();
      this.pending = user;
      return { ...user, mustChangePassword: true };
    }
    if (!row.public_key || !row.private_key_enc) {
      // An account made before keys existed gets its key pair now that the password is at hand.
      const keys = await createAccountKeys(args.password);
      prepared(this.db(), 'UPDATE review_users SET public_key = ?, private_key_enc = ? WHERE id = ?').run(keys.publicKey, keys.privateKeyEnc, row.id);
    }
    this.startSession(user);
    return user;
  }

  logout(): void {
    this.pending = null;
    if (this.sessionId) prepared(this.db(), 'UPDATE review_sessions SET ended_at = ? WHERE id = ?').run(new Date().toISOString(), this.sessionId);
    this.current = null;
    this.sessionId = null;
  }

  /**
   * The logged-in user (or one just logged in with a temporary password) sets a new password;
   * the signing key is re-encrypted with it. The temporary one is then replaced and the session starts.
   */
  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    const user = this.pending ?? this.requireUser();
    const problem = passwordProblem(newPassword ?? '');
    if (problem) fail('invalid-value', problem);
    if (this.pending && newPassword === oldPassword) fail('invalid-value', '新密码不能与初始密码相同');
    const row = prepared(this.db(), 'SELECT * FROM review_users WHERE id = ?').get(user.id) as UserRow | undefined;
    if (!row || !(await verifyPassword(oldPassword ?? '', { hash: row.password_hash, salt: row.password_salt }))) fail('forbidden', '原密码不正确，密码未修改');
    const { hash, salt } = await hashPassword(newPassword);
    const privateKeyEnc = row.private_key_enc ? await reencryptKey(row.private_key_enc, oldPassword, newPassword) : null;
    const keys = privateKeyEnc ? { publicKey: row.public_key, privateKeyEnc } : await createAccountKeys(newPassword);
    prepared(this.db(), 'UPDATE review_users SET password_hash = ?, password_salt = ?, public_key = ?, private_key_enc = ?, must_change_password = 0 WHERE id = ?')
      .run(hash, salt, keys.publicKey, keys.privateKeyEnc, user.id);
    if (this.pending) {
      this.pending = null;
      this.startSession(user);
    }
  }

  /** Checks a password of a user again (sign-off); wrong ones count towards the lock as at login. */
  async confirmPassword(user: UserInfo, password: string): Promise<boolean> {
    const row = prepared(this.db(), 'SELECT password_hash, password_salt FROM review_users WHERE id = ?').get(user.id) as
      | Pick<UserRow, 'password_hash' | 'password_salt'>
      | undefined;
    if (!row) return false;
    this.countAttempt(user.name);
    const ok = await verifyPassword(password ?? '', { hash: row.password_hash, salt: row.password_salt });
    if (ok) this.clearAttempts(user.name);
    return ok;
  }

  /** Seal a message with the user's key; null when the password does not open it. */
  async seal(user: UserInfo, password: string, message: string): Promise<{ publicKey: string; seal: string } | null> {
    const row = prepared(this.db(), 'SELECT public_key, private_key_enc FROM review_users WHERE id = ?').get(user.id) as
      | Pick<UserRow, 'public_key' | 'private_key_enc'>
      | undefined;
    if (!row?.public_key || !row.private_key_enc) return null;
    const seal = await sealWith(row.private_key_enc, password ?? '', message);
    return seal ? { publicKey: row.public_key, seal } : null;
  }

  /**
   * The public keys this machine trusts for a signer's name (compared normalised): the key of
   * the local account of that name, and a key of theirs from another machine that they
   * registered here themselves (registerKey). Nothing else: a key first seen in a file is not trusted.
   */
  trustedKeys(signer: string): string[] {
    const name = normalizePersonName(signer);
    const local = prepared(this.db(), 'SELECT public_key FROM review_users WHERE name = ?').get(name) as { public_key: string | null } | undefined;
    const registered = prepared(this.db(), 'SELECT public_key FROM review_known_keys WHERE signer_name = ?').get(name) as { public_key: string } | undefined;
    return [local?.public_key, registered?.public_key].filter((k): k is string => !!k).map((k) => k.trim());
  }

  /**
   * The logged-in supervisor registers their own key from another machine (one that sealed a
   * signature in a file they bring): from then on signatures sealed with it are theirs here.
   */
  registerKey(signer: string, publicKey: string, source: string): UserInfo {
    const user = this.requireRole('supervisor', '登记签章密钥');
    if (normalizePersonName(signer) !== user.name) {
      fail('forbidden', `文件由“${normalizePersonName(signer)}”审签：签章密钥只能由本人登记（当前登录：${user.name}）`);
    }
    prepared(this.db(), 'INSERT OR REPLACE INTO review_known_keys (signer_name, public_key, first_seen, source) VALUES (?, ?, ?, ?)')
      .run(user.name, publicKey.trim(), new Date().toISOString(), source);
    return user;
  }

  requireRole(role: Role, what: string): UserInfo {
    const user = this.requireUser();
    if (user.role !== role) fail('forbidden', `只有${ROLE_LABELS[role]}可以${what}（当前登录：${user.name}，${ROLE_LABELS[user.role]}）`);
    return user;
  }

  /**
   * Password attempts by name, in the database (a restart does not clear a lock): each attempt
   * is counted before its hash is checked and cleared when it succeeds, so after MAX_FAILURES
   * attempts without success the name is locked for LOCK_MS, however many were sent at once.
   */
  private countAttempt(name: string): void {
    const db = this.db();
    db.transaction(() => {
      const f = prepared(db, 'SELECT failures, locked_until FROM review_lockouts WHERE name = ?').get(name) as { failures: number; locked_until: number } | undefined;
      const now = this.clock();
      if (f && f.locked_until > now) fail('forbidden', `密码错误次数过多，请 ${Math.ceil((f.locked_until - now) / 1000)} 秒后再试`);
      const failures = (f?.failures ?? 0) + 1;
      const lockedUntil = failures >= MAX_FAILURES ? now + LOCK_MS : 0;
      prepared(db, 'INSERT INTO review_lockouts (name, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until')
        .run(name, lockedUntil ? 0 : failures, lockedUntil);
    })();
  }

  private clearAttempts(name: string): void {
    prepared(this.db(), 'DELETE FROM review_lockouts WHERE name = ?').run(name);
  }

  private startSession(user: UserInfo): void {
    if (this.sessionId) this.logout();
    this.pending = null;
    this.sessionId = randomUUID();
    this.current = user;
    prepared(this.db(), 'INSERT INTO review_sessions (id, user_id, started_at) VALUES (?, ?, ?)').run(this.sessionId, user.id, new Date().toISOString());
  }
}

// A fixed salt/hash pair to spend the same time on unknown names.
const DUMMY = { hash: Buffer.alloc(64).toString('base64'), salt: Buffer.alloc(16).toString('base64') };
