import { describe, expect, it } from 'vitest';
import { availableActions, checkTransition, editRefusal } from './states';

describe('review state machine', () => {
  it('follows 编制中 → 已提交 → 已退回 or 已审签 by role', () => {
    expect(checkTransition('editing', 'submit', 'clerk')).toEqual({ ok: true, to: 'submitted' });
    expect(checkTransition('returned', 'submit', 'clerk')).toEqual({ ok: true, to: 'submitted' });
    expect(checkTransition('submitted', 'return', 'supervisor')).toEqual({ ok: true, to: 'returned' });
    expect(checkTransition('submitted', 'sign', 'supervisor')).toEqual({ ok: true, to: 'signed' });
    expect(checkTransition('signed', 'reopen', 'clerk')).toEqual({ ok: true, to: 'editing' });
  });

  it('refuses the wrong role and the wrong state with a Chinese reason', () => {
    const clerkSigns = checkTransition('submitted', 'sign', 'clerk');
    expect(clerkSigns).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(clerkSigns.ok || clerkSigns.message).toContain('审核人');
    expect(checkTransition('submitted', 'submit', 'clerk')).toMatchObject({ ok: false, reason: 'conflict' });
    expect(checkTransition('editing', 'sign', 'supervisor')).toMatchObject({ ok: false, reason: 'conflict' });
    expect(checkTransition('editing', 'submit', 'supervisor')).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('lists actions and edit rights', () => {
    expect(availableActions('submitted', 'supervisor')).toEqual(['return', 'sign']);
    expect(availableActions('submitted', 'clerk')).toEqual(['withdraw']);
    expect(editRefusal('editing', 'clerk')).toBeNull();
    expect(editRefusal('returned', 'clerk')).toBeNull();
    expect(editRefusal('editing', 'supervisor')).toContain('审核人不能修改');
    expect(editRefusal('submitted', 'clerk')).toContain('只读');
    expect(editRefusal('signed', 'clerk')).toContain('作废');
  });
});
