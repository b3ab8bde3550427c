import { useCallback, useRef, useState } from 'react';
import { ROLE_LABELS, type ReviewAction } from '../../../../shared/api/review';
import { SEVERITY_LABELS, type Finding } from '../../../../shared/findings';
import { signDate } from '../../../../shared/review/signoff';
import { TRANSITIONS } from '../../../../shared/review/states';
import { followersLabel, groupFindings } from '../../../../shared/validation/problems';
import { CallError } from '../../api/client';
import type { DraftToolbarProps } from '../registry';
import { AccountDialog } from './AccountDialog';
import { DraftFileDialog } from './DraftFileDialog';
import { PasswordDialog } from './PasswordDialog';
import { ReturnDialog } from './ReturnDialog';
import { SignDialog } from './SignDialog';
import { clearFileNoticePending, isFileNoticePending, markFileNoticePending, useReviewSnapshot } from './store';
import { ReviewModal } from './ReviewModal';

type Dialog = null | 'account' | 'add-account' | 'password' | 'sign' | 'return' | 'file' | 'draft-file' | { blocked: string; findings: Finding[] };

/** Status, the logged-in person and the review actions of the open draft. */
export function ReviewToolbar(props: DraftToolbarProps) {
  const { draft, call, reload, notify, selectCell } = props;
  const { accounts, review, refresh } = useReviewSnapshot(call, draft.meta.id, draft.model, draft.meta.status);
  const [dialog, setDialog] = useState<Dialog>(() => (isFileNoticePending() ? 'file' : null));
  const closeDialog = useCallback(() => setDialog(null), []);
  const menu = useRef<HTMLDetailsElement>(null);
  /** Runs after a menu item's action was started: folds the menu. */
  const closeMenu = (_started: void) => {
    if (menu.current) menu.current.open = false;
  };
  const user = accounts?.currentUser ?? null;

  async function after() {
    setDialog(null);
    await reload();
    await refresh();
  }

  async function act(action: ReviewAction) {
    if (action === 'sign') return setDialog('sign');
    if (action === 'return') return setDialog('return');
    if (action === 'reopen' && !window.confirm('重新编辑将使当前签名作废，预算草稿回到“编制中”。是否继续？')) return;
    try {
      const draftId = draft.meta.id;
      if (action === 'submit') await call('review/submit', { draftId });
      else if (action === 'withdraw') await call('review/withdraw', { draftId });
      else await call('review/reopen', { draftId });
      notify(`已${TRANSITIONS[action].label}`);
      await after();
    } catch (err) {
      if (err instanceof CallError && err.error.code === 'blocked') {
        const details = err.error.details as { findings?: Finding[] } | undefined;
        setDialog({ blocked: err.message.split('\n')[0], findings: details?.findings ?? [] });
      } else notify(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  /** A blocking finding in the refusal: a click closes it and goes to the finding's cell. */
  const blockingLink = (f: Finding) => (
    <button
      key={f.id}
      type="button"
      className="bd-review-link"
      onClick={() => {
        setDialog(null);
        if (f.cells[0]) selectCell(f.cells[0]);
      }}
    >
      【{SEVERITY_LABELS[f.severity]}】{f.message}
    </button>
  );

  /** The logged-in supervisor registers the key of their own other machine from a file they signed there. */
  async function registerKey(path: string) {
    try {
      const { signer, keyId } = await call('accounts/registerKey', { path });
      notify(`已登记 ${signer} 的签章密钥（${keyId}），请重新打开该草稿文件`);
      clearFileNoticePending();
      setDialog(null);
    } catch (err) {
      notify(err instanceof Error ? err.message : String(err), 'error');
    }
  }

  async function logout() {
    await call('accounts/logout', {});
    await after();
  }

  const signature = review?.signature ?? null;
  const voided = !signature && review?.lastVoided ? review.lastVoided : null;

  return (
    <div className="bd-review-toolbar" data-testid="review-toolbar">
      {signature && (
        <span className="bd-review-signature" data-testid="review-signature" title={`签名指纹（SHA-256）：${signature.fingerprint}`}>
          审核人 {signature.signer} · {signDate(signature.signedAt)} · 指纹 {signature.fingerprint.slice(0, 12)}…
        </span>
      )}
      {voided && (
        <span className="bd-review-voided" data-testid="review-voided" title={voided.voidReason ?? ''}>
          原签名已作废（{voided.signer}，{signDate(voided.signedAt)}）
        </span>
      )}
      {review && review.openComments > 0 && (
        <span className="bd-review-open" data-testid="review-open-comments" title="见右侧“审核意见”">
          未解决意见 {review.openComments} 条
        </span>
      )}
      {review?.fileNotice && (
        <button
          type="button"
          className={`bd-review-link ${review.fileNotice.ok ? 'bd-review-file-ok' : 'bd-review-file-bad'}`}
          data-testid="review-file-notice"
          onClick={() => setDialog('file')}
          title={review.fileNotice.messages.join('\n')}
        >
          {review.fileNotice.ok ? '草稿文件已核对' : '草稿文件有问题'}
        </button>
      )}
      {review?.actions.map((a) => (
        <button key={a} type="button" className={a === 'sign' || a === 'submit' ? 'bd-review-primary' : ''} onClick={() => void act(a)}>
          {TRANSITIONS[a].label}
        </button>
      ))}
      <button type="button" className="bd-review-link" onClick={() => setDialog('draft-file')}>
        草稿文件…
      </button>
      {user ? (
        <details className="bd-review-menu" ref={menu}>
          <summary className="bd-review-user" data-testid="review-user">
            {user.name}（{ROLE_LABELS[user.role]}）
          </summary>
          <div className="bd-review-menu-items" role="menu">
            {(user.role === 'supervisor' || !accounts?.users.some((u) => u.role === 'supervisor')) && (
              <button type="button" role="menuitem" onClick={() => closeMenu(setDialog('add-account'))}>
                {user.role === 'supervisor' ? '添加账户' : '审核人本人创建账户'}
              </button>
            )}
            <button type="button" role="menuitem" onClick={() => closeMenu(setDialog('password'))}>
              修改密码
            </button>
            <button type="button" role="menuitem" onClick={() => closeMenu(void logout())}>
              退出登录
            </button>
          </div>
        </details>
      ) : (
        <>
          <span className="bd-review-user" data-testid="review-user">
            {accounts?.hasAccounts ? '未登录' : '未设置账户'}
          </span>
          <button type="button" className="bd-review-link" onClick={() => setDialog('account')}>
            {accounts?.hasAccounts ? '登录' : '创建账户'}
          </button>
        </>
      )}

      {(dialog === 'account' || dialog === 'add-account') && accounts && (
        <AccountDialog
          call={call}
          accounts={accounts}
          startWith={dialog === 'add-account' ? 'create' : undefined}
          onDone={() => void after()}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'password' && (
        <PasswordDialog
          call={call}
          onDone={() => {
            setDialog(null);
            notify('密码已修改');
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'sign' && user && (
        <SignDialog call={call} draftId={draft.meta.id} signer={user.name} findings={draft.findings} onDone={() => void after().then(() => notify('已审签'))} onCancel={() => setDialog(null)} />
      )}
      {dialog === 'return' && (
        <ReturnDialog call={call} draftId={draft.meta.id} onDone={() => void after().then(() => notify('已退回修改'))} onCancel={closeDialog} />
      )}
      {dialog === 'draft-file' && (
        <DraftFileDialog
          call={call}
          meta={draft.meta}
          onClose={() => setDialog(null)}
          onOpened={(opened) => {
            if (opened.id !== draft.meta.id) {
              setDialog(null);
              notify(`已从文件建立新的预算草稿（${opened.unitName} ${opened.year}），可在预算稿列表中打开`);
              return;
            }
            markFileNoticePending();
            setDialog('file');
            void refresh().then(reload);
          }}
        />
      )}
      {dialog === 'file' && review?.fileNotice && (
        <ReviewModal label="草稿文件检查结果">
          <div className="bd-review-dialog bd-review-wide">
            <h2>草稿文件检查结果</h2>
            <p className="bd-review-hint">
              {review.fileNotice.file}（{review.fileNotice.at.replace('T', ' ').slice(0, 16)} 打开）
            </p>
            <ul className={review.fileNotice.ok ? '' : 'bd-review-error'}>
              {review.fileNotice.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
            <div className="bd-review-buttons">
              {user?.role === 'supervisor' && review.fileNotice.messages.some((m) => m.includes('未在本机登记')) && (
                <button type="button" onClick={() => void registerKey(review.fileNotice!.file)} title="只有审签人本人可以登记：登记后，用此密钥签章的文件在本机视为本人审签">
                  这是我在另一台电脑上的签章：登记密钥
                </button>
              )}
              <button
                type="button"
                className="bd-review-primary"
                onClick={() => {
                  clearFileNoticePending();
                  setDialog(null);
                }}
              >
                知道了
              </button>
            </div>
          </div>
        </ReviewModal>
      )}
      {dialog && typeof dialog === 'object' && (
        <ReviewModal label="不能提交" onCancel={closeDialog}>
          <div className="bd-review-dialog bd-review-wide">
            <h2>不能提交</h2>
            <p className="bd-review-error" role="alert">
              {dialog.blocked}
            </p>
            <ol className="bd-review-blocking" data-testid="blocking-findings">
              {groupFindings(dialog.findings).map(({ lead, related }) => (
                <li key={lead.id}>
                  {blockingLink(lead)}
                  {related.length > 0 && (
                    <details className="bd-related">
                      <summary>{followersLabel(related.length)}</summary>
                      {related.map(blockingLink)}
                    </details>
                  )}
                </li>
              ))}
            </ol>
            <p className="bd-review-hint">改正强制性错误；对提示项在检查结果中填写说明，然后再提交。</p>
            <div className="bd-review-buttons">
              <button type="button" className="bd-review-primary" onClick={() => setDialog(null)}>
                知道了
              </button>
            </div>
          </div>
        </ReviewModal>
      )}
    </div>
  );
}
