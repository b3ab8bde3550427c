import type { Dictionaries } from '../dictionary';
import type { PublicationItem } from '../regions/types';
import type { SignOffLine } from '../review/signoff';
import { findTable, statesUnit, tableByRole, tableUnit, type TableDef, type Template } from '../template/types';
import type { PrintView } from './cells';
import { esc, FONT_STACK, paragraphs, STYLE } from './html';
import { projectSheetsHtml } from './project-sheet-html';
import { tableHtml } from './table-html';

/**
 * The whole disclosure as one HTML document for print, in the region pack's publication
 * order (RegionPack.publication): cover, 目录, the tables, the text sections with the tables
 * they hold (机构设置, the projects' 绩效目标表, 采购, 资产), the sign-off. Pure: the caller
 * drafts the text, states the signature, and prints the HTML (src/main/publication).
 */

export interface PublicationInput {
  template: Template;
  items: PublicationItem[];
  view: PrintView;
  meta: { unitCode: string; unitName: string; year: number };
  /** The text as printed, by section (draftNarrative). */
  sections: Array<{ id: string; title: string; text: string }>;
  /** The heading the text is printed under, and the paragraph that opens it (the pack's). */
  heading: string;
  preface?: string;
  dictionaries?: Dictionaries;
  /** The sign-off lines (signOffLines): 已审签 with 审核人, date and fingerprint, or 未审签. */
  signOff: SignOffLine[];
  /** Set when the draft still has 强制 findings and is printed as a marked draft: their number. */
  draftFindings?: number;
  /** What a project's blank 支出类别 counts as. */
  blankSpending?: string;
}

export interface ContentsEntry {
  title: string;
  anchor: string;
  level: number;
}

export interface PublicationDocument {
  title: string;
  html: string;
  /** The 目录 entries (none when the pack's publication has no 目录), in order. */
  contents: ContentsEntry[];
  /** Printed at the top of every page: the 未审签 or 草稿 mark, else empty. */
  mark: string;
}

/** Text of the mark every page of a not-yet-publishable document carries. */
export function pageMark(input: Pick<PublicationInput, 'signOff' | 'draftFindings'>): string {
  if (input.draftFindings) return `草稿：尚有 ${input.draftFindings} 个强制性问题未解决，不得作为正式公开文件`;
  return isSigned(input.signOff) ? '' : '未审签';
}

const isSigned = (lines: SignOffLine[]) => lines.some((l) => l.value === '已审签');

export function buildPublication(input: PublicationInput): PublicationDocument {
  const { template, meta } = input;
  const title = `${meta.unitName}${meta.year}年${template.scope === 'unit' ? '单位' : '部门'}预算`;
  const contents: ContentsEntry[] = [];
  const afterContents = input.items.findIndex((i) => i.kind === 'contents');
  const blocks: string[] = [];
  let textStarted = false;
  input.items.forEach((item, index) => {
    const anchor = `part-${index}`;
    const listed = afterContents >= 0 && index > afterContents;
    switch (item.kind) {
      case 'cover':
        blocks.push(coverHtml(input, title, anchor));
        break;
      case 'contents':
        blocks.push(`<section class="contents new-page" id="${anchor}">${CONTENTS_SLOT}</section>`);
        break;
      case 'table': {
        const table = findTable(template, item.table);
        if (listed) contents.push({ title: table.title, anchor, level: 1 });
        blocks.push(tableBlock(input, table, anchor, false));
        break;
      }
      case 'section': {
        const section = input.sections.find((s) => s.id === item.section);
        if (!section) break;
        if (listed) contents.push({ title: section.title, anchor, level: 0 });
        const opening = textStarted ? '' : openingHtml(input);
        textStarted = true;
        const tables = (item.tables ?? []).map((id) => tableBlock(input, findTable(template, id), undefined, true));
        blocks.push(
          [`<section class="text${opening ? ' new-page' : ''}" id="${anchor}">`, opening, `<h2 class="section-title">${esc(section.title)}</h2>`, paragraphs(section.text), '</section>', ...tables].join('\n'),
        );
        break;
      }
    }
  });
  blocks.push(signOffHtml(input));
  const body = blocks.join('\n').replace(CONTENTS_SLOT, contentsHtml(contents));
  const mark = pageMark(input);
  return { title, html: page(title, body, mark), contents, mark };
}

const CONTENTS_SLOT = '<!--contents-->';

function page(title: string, body: string, mark: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}${pageFurniture(mark)}</style></head><body>\n${body}\n</body></html>`;
}

/**
 * What every page carries in its margins: its number at the foot and the mark (未审签, 草稿) at
 * the head, as page margin boxes of the document's own layout (cheaper than a header and
 * footer template Chromium lays out again for every page).
 */
function pageFurniture(mark: string): string {
  const box = `font-family: ${FONT_STACK}; font-size: 9pt;`;
  const head = mark ? `@top-right { content: ${cssString(mark)}; ${box} color: #c00; font-weight: bold; }` : '';
  return `@page { @bottom-center { content: "— " counter(page) " —"; ${box} } ${head} }`;
}

/** Text as a CSS string (inside a style element: quotes, backslashes and < escaped). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The 目录 with its page numbers (blank until known). Printed alone, it is preceded by
 * `blankPagesBefore` empty pages so that its own page numbers come out right.
 */
export function contentsHtml(entries: ContentsEntry[], pages?: Array<number | undefined>): string {
  const lines = entries.map((e, i) => {
    const page = pages?.[i];
    return `<a class="${e.level ? 'sub' : ''}" href="#${e.anchor}"><span>${esc(e.title)}</span><span class="dots"></span><span class="pg">${page ?? '&#8199;&#8199;'}</span></a>`;
  });
  return `<h1>目\u3000录</h1>\n${lines.join('\n')}`;
}

/** The 目录 alone, for printing after the page numbers are known (see src/main/publication). */
export function contentsDocument(doc: PublicationDocument, pages: Array<number | undefined>, blankPagesBefore: number): string {
  const blanks = '<div style="break-after:page"></div>'.repeat(blankPagesBefore);
  return page(doc.title, `${blanks}<section class="contents">${contentsHtml(doc.contents, pages)}</section>`, doc.mark);
}

function coverHtml(input: PublicationInput, title: string, anchor: string): string {
  const mark = pageMark(input);
  return [
    `<section class="cover" id="${anchor}">`,
    `<div class="unit">${esc(input.meta.unitName)}</div>`,
    `<div class="what">${esc(title.slice(input.meta.unitName.length))}</div>`,
    mark ? `<div class="mark">${esc(mark)}</div>` : '',
    '</section>',
  ].join('\n');
}

function openingHtml(input: PublicationInput): string {
  const banner = input.draftFindings ? `<div class="draft-banner">${esc(pageMark(input))}</div>` : '';
  return `${banner}<h1 class="doc-title">${esc(input.heading)}</h1>${input.preface ? paragraphs(input.preface, 'preface') : ''}`;
}

function infoLine(input: PublicationInput, table: TableDef): string[] {
  const { meta, template } = input;
  const measure = statesUnit(table) ? `单位：${tableUnit(template, table)}` : '';
  if (typeof table.infoLine === 'object') return [`${table.infoLine.preparedBy}：${meta.unitName}`, '', measure];
  const unit = `${meta.unitCode} ${meta.unitName}`.trim();
  const when = table.infoLine === 'asOf' ? `截止时间：${meta.year - 1}-12-31` : `预算年度：${meta.year}`;
  return [unit, when, measure];
}

function tableBlock(input: PublicationInput, table: TableDef, anchor: string | undefined, inline: boolean): string {
  const { template, view } = input;
  if (table.role === 'projects') {
    return projectSheetsHtml({
      view,
      projects: table,
      indicators: tableByRole(template, 'indicators'),
      unitOfMeasure: tableUnit(template, table),
      blankSpending: input.blankSpending,
      anchor,
    });
  }
  return tableHtml(view, { table, info: infoLine(input, table), anchor, inline }, input.dictionaries);
}

function signOffHtml(input: PublicationInput): string {
  const lines = input.signOff.map((l) => `<p class="${l.value === '未审签' ? 'unsigned' : ''}">${esc(l.label)}：${esc(l.value)}</p>`);
  return `<section class="signoff">${lines.join('\n')}</section>`;
}
