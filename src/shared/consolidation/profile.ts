import { tableByRole, type Template } from '../template/types';
import type { UnitProfile } from './types';

/** The fields of a unit's profile: label, longest text, and the 机构设置 column it fills (same id). */
const FIELDS: Array<[keyof UnitProfile, string, number]> = [
  ['code', '单位编码', 30],
  ['name', '单位名称', 100],
  ['nature', '单位性质', 30],
  ['rank', '单位规格', 30],
  ['funding', '经费保障形式', 30],
];

/** The choices the department's 机构设置 table allows for each field of a unit's profile (where it restricts them). */
export function unitProfileOptions(department: Template): Partial<Record<keyof UnitProfile, string[]>> {
  const org = tableByRole(department, 'org');
  const out: Partial<Record<keyof UnitProfile, string[]>> = {};
  for (const [field] of FIELDS) {
    const options = org?.columns.find((c) => c.id === field)?.options;
    if (options?.length) out[field] = options;
  }
  return out;
}

/** A unit's profile trimmed and checked: every field given, none too long, the code plain, choices among the template's. */
export function checkUnitProfile(department: Template, profile: UnitProfile): { ok: true; profile: UnitProfile } | { ok: false; message: string } {
  const options = unitProfileOptions(department);
  const out = {} as UnitProfile;
  for (const [field, label, max] of FIELDS) {
    const value = String(profile[field] ?? '').trim();
    if (!value) return { ok: false, message: `请填写${label}` };
    if (value.length > max) return { ok: false, message: `${label}过长（最多 ${max} 个字）` };
    const allowed = options[field];
    if (allowed && !allowed.includes(value)) return { ok: false, message: `${label}“${value}”不是可选的值，应为：${allowed.join('、')}` };
    out[field] = value;
  }
  if (!/^[0-9A-Za-z-]+$/.test(out.code)) return { ok: false, message: `单位编码只能由数字、字母和“-”组成：${out.code}` };
  return { ok: true, profile: out };
}
