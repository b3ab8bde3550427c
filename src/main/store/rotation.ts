/**
 * Which backups rotation keeps: generations (the newest few, the newest of each of the last
 * days, the newest of each of the last weeks) and, whatever their age, the newest backup that
 * holds each draft, so a draft that vanished from the database can always be got back.
 */
export interface BackupEntry {
  file: string;
  /** When it was taken (ms since the epoch). */
  at: number;
  /** Ids of the drafts it holds; null when it could not be read (kept: never delete what we cannot see into). */
  drafts: string[] | null;
}

export interface RotationPolicy {
  newest: number;
  days: number;
  weeks: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { newest: 10, days: 7, weeks: 5 };

const DAY = 86_400_000;

export function backupsToKeep(entries: BackupEntry[], policy: RotationPolicy, now: number): Set<string> {
  const sorted = [...entries].sort((a, b) => b.at - a.at || (a.file < b.file ? 1 : -1));
  const keep = new Set<string>(sorted.slice(0, Math.max(1, policy.newest)).map((e) => e.file));
  const newestPer = (span: number, count: number) => {
    const seen = new Set<number>();
    for (const e of sorted) {
      const bucket = Math.floor(e.at / span);
      if (seen.has(bucket) || bucket <= Math.floor(now / span) - count) continue;
      seen.add(bucket);
      keep.add(e.file);
    }
  };
  newestPer(DAY, policy.days);
  newestPer(7 * DAY, policy.weeks);
  const held = new Set<string>();
  for (const e of sorted) {
    if (e.drafts === null) {
      keep.add(e.file);
      continue;
    }
    for (const id of e.drafts) {
      if (held.has(id)) continue;
      held.add(id);
      keep.add(e.file);
    }
  }
  return keep;
}

/** The time a backup's name states (budget-desk-20261201T093015123Z.sqlite), or null. */
export function backupTime(file: string): number | null {
  const m = /^budget-desk-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(file);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}
