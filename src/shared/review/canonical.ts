import { parseCellKey, type DraftContent } from '../draft';
import { toDecimalString } from '../money';
import { DraftModel, isNumericKind, parseStoredNumber } from '../engine/model';
import type { ColumnDef, TableDef, Template } from '../template/types';

/**
 * The canonical text of what a supervisor signs, as the tables publish it. Two drafts (or a draft and a
 * workbook read back) with the same published figures give the same text, byte for byte:
 * keys sorted, numbers as canonical decimals, text trimmed with one line-ending style,
 * generated record ids replaced by positions, derived cells left out (they follow from
 * the entered ones), 科目 names left out (they follow from the codes), a default option the
 * same as a blank. The SHA-256 of this text is the
 * printed fingerprint (签名指纹).
 */

export const SIGNED_FORMAT = 'budget-desk/signed/v1';
export const CONTENT_FORMAT = 'budget-desk/content/v1';

/** The draft meta that is part of what is signed. */
export interface SignedMeta {
  unitCode: string;
  unitName: string;
  year: number;
  templateId: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted by code unit at every level and no whitespace. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('规范序列化只接受整数');
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}';
}

export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/**
 * Tables whose content the fingerprint covers: the published tables and the lists owned by
 * them (indicators), as a workbook carries them cell by cell. A published table of fixed rows
 * without any figure column is text (情况说明): it is printed as drafted prose, not as its
 * entered cells, so a workbook cannot give it back; the draft's content hash covers it.
 */
export function signedTables(template: Template): TableDef[] {
  const published = new Set(template.tables.filter((t) => t.published).map((t) => t.id));
  const isProse = (t: TableDef) => t.rows.kind === 'fixed' && !t.columns.some((c) => isNumericKind(c.kind));
  return template.tables.filter((t) => (published.has(t.id) || (t.parent !== undefined && published.has(t.parent.table))) && !isProse(t));
}

function signedMeta(meta: SignedMeta): { [key: string]: Json } {
  return { templateId: meta.templateId, unitCode: normalizeText(meta.unitCode), unitName: normalizeText(meta.unitName), year: meta.year };
}

/** Position labels ("#1", "#2" …) of a list table's records, from its row list. */
function positions(content: DraftContent, table: string): Map<string, string> {
  return new Map((content.rows[table] ?? []).map((id, i) => [id, `#${i + 1}`]));
}

/**
 * @param model the draft's computed model when the caller has it (it tells which cells are
 *   derived); built from the content otherwise.
 */
export function canonicalSignedContent(template: Template, meta: SignedMeta, content: DraftContent, model?: Pick<DraftModel, 'isDerived'>): string {
  const derived = model ?? new DraftModel(template, content);
  const columns = new Map<string, Map<string, ColumnDef>>();
  for (const t of signedTables(template)) columns.set(t.id, new Map(t.columns.map((c) => [c.id, c])));
  const listPositions = new Map<string, Map<string, string>>();
  for (const t of template.tables) if (t.rows.kind === 'list') listPositions.set(t.id, positions(content, t.id));
  const parents = new Map(template.tables.filter((t) => t.parent).map((t) => [t.id, t.parent!]));
  const codedTables = new Set(template.tables.filter((t) => t.rows.kind === 'coded').map((t) => t.id));

  const cells: { [key: string]: Json } = {};
  for (const [key, raw] of Object.entries(content.cells)) {
    const ref = parseCellKey(key);
    const column = columns.get(ref.table)?.get(ref.col);
    if (!column || column.role === 'label' || derived.isDerived(key)) continue;
    // A 科目's name follows from its code, which is signed: a row the picker or a project added
    // has none stored while its workbook prints the dictionary's (the content hash still covers it).
    if (column.role === 'name' && codedTables.has(ref.table)) continue;
    let row = ref.row;
    const rowPositions = listPositions.get(ref.table);
    if (rowPositions) {
      const position = rowPositions.get(ref.row);
      if (!position) continue; // a record no longer listed is not shown, so not signed
      row = position;
    }
    let value: string;
    const parent = parents.get(ref.table);
    if (isNumericKind(column.kind)) {
      const n = parseStoredNumber(raw);
      value = n === null ? normalizeText(raw) : toDecimalString(n);
    } else if (parent && column.id === parent.col) {
      // A reference to the owning record is a generated id: sign its position instead.
      value = listPositions.get(parent.table)?.get(raw) ?? normalizeText(raw);
    } else {
      value = normalizeText(raw);
    }
    // An option chosen explicitly and the blank it is the default of sign alike.
    if (value === '' || value === column.blankMeans) continue;
    cells[`${ref.table}!${row}!${column.id}`] = value;
  }
  return canonicalJson({ format: SIGNED_FORMAT, meta: signedMeta(meta), cells });
}

/** Canonical text of the whole stored content (all tables, raw ids): guards a draft file's integrity. */
export function canonicalFullContent(meta: SignedMeta, content: DraftContent): string {
  return canonicalJson({ format: CONTENT_FORMAT, meta: signedMeta(meta), ...rawContent(content) });
}

/** Rows and non-blank cells of a content as stored, raw ids included. */
function rawContent(content: DraftContent): { rows: { [key: string]: Json }; cells: { [key: string]: Json } } {
  const rows: { [key: string]: Json } = {};
  for (const [table, list] of Object.entries(content.rows)) rows[table] = [...list];
  const cells: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(content.cells)) if (value !== '') cells[key] = value;
  return { rows, cells };
}

export const ANNEX_FORMAT = 'budget-desk/annex/v1';

/** A review comment as the store and a draft file's review section keep it (snake_case columns). */
export interface CommentRecord {
  id?: unknown;
  parent_id?: unknown;
  table_id?: unknown;
  row_id?: unknown;
  col_id?: unknown;
  text?: unknown;
  author_name?: unknown;
  created_at?: unknown;
  resolved_at?: unknown;
}

/** What a supervisor approves besides the published figures. */
export interface SignedAnnex {
  /** The prior-year layer (上年数) the comparison and the text are read against. */
  prior: DraftContent | null;
  /** The clerk's written explanations of warnings. */
  explanations: ReadonlyArray<{ findingId: string; text: string }>;
  /** The review comments and replies. */
  comments: readonly CommentRecord[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/**
 * The canonical text of what a sign-off approves beyond the figures: the prior-year layer, the
 * explanations of warnings, and the comments as they stood when signed (text, target, author,
 * resolved or not). Comments are named by when and by whom they were written, not by their ids,
 * which a copy opened elsewhere renumbers; a comment written or resolved after `signedAt` leaves
 * the text as it was, so later review work does not void a signature, while a comment of the
 * signed state removed, reworded or re-opened does.
 */
export function canonicalSignedAnnex(annex: SignedAnnex, signedAt: string): string {
  const byId = new Map(annex.comments.map((c) => [str(c.id), c]));
  const name = (c: CommentRecord) => `${str(c.created_at)}|${normalizeText(str(c.author_name))}`;
  const comments = annex.comments
    .filter((c) => str(c.created_at) <= signedAt)
    .map((c) => {
      const parent = c.parent_id ? byId.get(str(c.parent_id)) : undefined;
      const resolvedAt = str(c.resolved_at);
      return canonicalJson({
        at: str(c.created_at),
        author: normalizeText(str(c.author_name)),
        text: normalizeText(str(c.text)),
        target: [str(c.table_id), str(c.row_id), str(c.col_id)].join('!'),
        replyTo: parent ? name(parent) : c.parent_id ? `?${str(c.parent_id)}` : null,
        resolved: resolvedAt !== '' && resolvedAt <= signedAt,
      });
    })
    .sort();
  const explanations: { [key: string]: Json } = {};
  for (const e of annex.explanations) if (normalizeText(e.text)) explanations[e.findingId] = normalizeText(e.text);
  return canonicalJson({ format: ANNEX_FORMAT, prior: annex.prior ? rawContent(annex.prior) : null, explanations, comments });
}
