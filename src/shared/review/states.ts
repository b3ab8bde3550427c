import type { DraftStatus } from '../draft';
import type { ReviewAction, Role } from '../api/review';

/**
 * The review state machine: 编制中 → 已提交 → 已退回 (editable again) or 已审签.
 * Each action names the states it starts from, where it leads and who may take it.
 */
export interface Transition {
  from: DraftStatus[];
  to: DraftStatus;
  roles: Role[];
  label: string;
}

export const TRANSITIONS: Record<ReviewAction, Transition> = {
  submit: { from: ['editing', 'returned'], to: 'submitted', roles: ['clerk'], label: '提交审核' },
  withdraw: { from: ['submitted'], to: 'editing', roles: ['clerk'], label: '撤回提交' },
  return: { from: ['submitted'], to: 'returned', roles: ['supervisor'], label: '退回修改' },
  sign: { from: ['submitted'], to: 'signed', roles: ['supervisor'], label: '审签' },
  reopen: { from: ['signed'], to: 'editing', roles: ['clerk', 'supervisor'], label: '重新编辑（作废签名）' },
};

const STATUS_WORDS: Record<DraftStatus, string> = { editing: '编制中', submitted: '已提交', returned: '已退回', signed: '已审签' };
const ROLE_WORDS: Record<Role, string> = { clerk: '编制人', supervisor: '审核人' };

/** A return must say why: the clerk has to know what to fix. Null when the reason will do. */
export function returnReasonRefusal(reason: string | undefined): string | null {
  return (reason ?? '').trim() ? null : '退回须写明原因：请说明编制人需要修改什么';
}

export type TransitionCheck = { ok: true; to: DraftStatus } | { ok: false; reason: 'forbidden' | 'conflict'; message: string };

export function checkTransition(status: DraftStatus, action: ReviewAction, role: Role): TransitionCheck {
  const t = TRANSITIONS[action];
  if (!t.roles.includes(role)) {
    return { ok: false, reason: 'forbidden', message: `只有${t.roles.map((r) => ROLE_WORDS[r]).join('或')}可以${t.label}` };
  }
  if (!t.from.includes(status)) {
    return {
      ok: false,
      reason: 'conflict',
      message: `预算草稿当前为“${STATUS_WORDS[status]}”，不能${t.label}（仅限${t.from.map((s) => `“${STATUS_WORDS[s]}”`).join('或')}）`,
    };
  }
  return { ok: true, to: t.to };
}

export function availableActions(status: DraftStatus, role: Role): ReviewAction[] {
  return (Object.keys(TRANSITIONS) as ReviewAction[]).filter((a) => checkTransition(status, a, role).ok);
}

/** Figures may change only while the draft is being prepared or was returned. */
export function isEditableStatus(status: DraftStatus): boolean {
  return status === 'editing' || status === 'returned';
}

/** Why a role may not edit in a status, or null when it may. */
export function editRefusal(status: DraftStatus, role: Role): string | null {
  if (role !== 'clerk') return '审核人不能修改预算数据，只有编制人可以编辑';
  if (status === 'submitted') return '预算草稿已提交审核，只读；如需修改请先撤回提交或等待退回';
  if (status === 'signed') return '预算草稿已审签，只读；如需修改请先“重新编辑”（原签名将作废）';
  return null;
}
