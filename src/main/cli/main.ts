import { WORKBOOK_EXTENSIONS, WORKBOOK_FORMATS_TEXT } from '../../shared/workbook/formats';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getSeed, SEEDS } from '../../../seeds';
import { ApiFailure } from '../../shared/api/common';
import type { Dictionaries } from '../../shared/dictionary';
import { cellKey, draftMetaProblem, TOTAL_ROW } from '../../shared/draft';
import { DraftModel } from '../../shared/engine/model';
import { SEVERITY_LABELS, type Finding } from '../../shared/findings';
import { templateOf } from '../../shared/regions';
import type { Template } from '../../shared/template/types';
import { countProblems, findingSections, followersLabel, leftOutText, listingOrder, rulesFor, rulesVersion, type FindingSection, type ProblemCount } from '../../shared/validation';
import { loadShippedDictionaries } from '../dictionary';
import { ExportTargetExists } from '../excel/export';
import { WorkbookFileError } from '../excel/guard';
import { importWorkbookFile, unusableReason, type ImportResult } from '../excel/import';
import { rowName, type TextOf } from '../excel/row-names';
import { signOffSheet } from '../review/export-signoff';
import { signatureOfFile } from '../review/exchange';
import { closeSharedPrinter, PrinterUnavailable, sharedPrinter } from '../publication/printer';
import { BlockingFindings, publishPdf } from '../publication/publish';
import { writeFileAtomically } from '../publication/write';
import { writeFailureReason } from '../write-errors';
import { checkedContent } from '../services/draft-content';
import { requireTemplate } from '../services/open-drafts';
import { WorkbookExporter } from '../services/workbook-export';
import { readDraftFile, type DraftFilePayload } from '../store/draft-file';
import { checkDepartmentWithUnits, unitsCheckText } from './units-check';

/**
 * `budget-desk export | read | check`: the Excel functions for scripts (a finance bureau
 * checking many departments' workbooks). Exit codes: 0 fine, 1 findings of 强制 rules,
 * 2 usage errors, files that cannot be read or written (an existing export target without --force).
 */

/** Ideographic space between fields of a line, as Chinese reports set them. */
const GAP = '\u3000';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const USAGE = `用法：budget-desk <命令> [参数]

命令：
  export <草稿文件或示例名>... -o <输出.xlsx 或文件夹> [--force]
      按标准格式导出预算表工作簿。示例名：${Object.keys(SEEDS).join('、')}；草稿文件为 *.budget.json。
      输出文件已存在时不导出（原文件不变），加 --force 才替换。
  read <工作簿>... [--json]
      读取工作簿（${WORKBOOK_FORMATS_TEXT}，按文件内容识别格式），显示按哪个模板读取、识别出的单位、年度、金额单位，
      识别出的表（及所在工作表）和各表的行（编码、名称、各栏金额，按模板的金额单位），
      模板中有而工作簿中没有的表，以及跳过的工作表和原因。
  pdf <草稿文件、示例名或工作簿> -o <输出.pdf> [--draft] [--force]
      生成公开文本 PDF：按地区模板的公开顺序排列各表、情况说明、项目绩效目标表和审签情况（A4，
      宽表横排，页码，有目录的模板附目录页码）。未审签的预算稿每页标明“未审签”。
      有强制性问题时不生成（退出码 1），加 --draft 则生成每页标明“草稿”的审阅稿。
  check <工作簿>... [--json] [--summary <汇总.csv 或 汇总.json>]
      读取并校验工作簿：说明检查了哪些表、缺少哪些表、哪些规则因缺表未运行，
      列出不符合勾稽关系的问题（规则、级别、表、行、栏、应为、实为、说明），按问题计数：
      一处差错引起的上级科目、合计差异列在该问题下，不另计（与编制窗口的计数相同）。
      多个文件时最后列出汇总表（文件、单位、年度、模板、识别的表、强制、提示、缺少的表），
      --summary 另存为 CSV 或 JSON。有强制性问题时退出码为 1。
  check <部门工作簿> --units <单位工作簿>... [--json]
      将各下属单位的单位预算工作簿按本软件的方法汇总（单位间上级补助、附属单位上缴等往来抵消），
      逐项与部门预算工作簿所列数字核对，列出不一致之处。有不一致时退出码为 1。

选项：
  -o, --output <路径>   导出文件或文件夹
  --summary <路径>      check 的汇总表另存为 .csv 或 .json
  --units <工作簿>...   check 部门工作簿时给出其下属单位的工作簿
  --force               替换已存在的导出文件
  --draft               pdf：有强制性问题时仍生成，每页标明“草稿”
  --json                以 JSON 输出（便于脚本处理）
  -h, --help            显示本帮助

退出码：0 正常；1 有强制性问题；2 用法错误、文件无法读取或无法写入（含导出文件已存在而未加 --force）、
工作簿中没有识别出任何预算表、或是决算工作簿。`;

interface Args {
  command: string;
  files: string[];
  output?: string;
  summary?: string;
  /** check: the department's units' workbooks (after --units). */
  units?: string[];
  json: boolean;
  help: boolean;
  force: boolean;
  draft: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { command: '', files: [], json: false, help: false, force: false, draft: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') args.help = true;
    else if (a === '--json') args.json = true;
    else if (a === '--force') args.force = true;
    else if (a === '--draft') args.draft = true;
    else if (a === '-o' || a === '--output') {
      const next = argv[++i];
      if (!next) return `选项 ${a} 后面需要输出路径`;
      args.output = next;
    } else if (a.startsWith('--output=')) args.output = a.slice('--output='.length);
    else if (a === '--summary') {
      const next = argv[++i];
      if (!next) return `选项 ${a} 后面需要汇总文件路径（.csv 或 .json）`;
      args.summary = next;
    } else if (a.startsWith('--summary=')) args.summary = a.slice('--summary='.length);
    else if (a === '--units') args.units = [];
    else if (a.startsWith('-') && a !== '-') return `未知选项：${a}`;
    else if (!args.command) args.command = a;
    else if (args.units) args.units.push(a);
    else args.files.push(a);
  }
  return args;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.help || !args.command) {
    (args.help ? io.out : io.err)(USAGE);
    return args.help ? 0 : 2;
  }
  if (!['export', 'read', 'check', 'pdf'].includes(args.command)) {
    io.err(`未知命令：${args.command}\n\n${USAGE}`);
    return 2;
  }
  if (args.files.length === 0) {
    io.err(`命令 ${args.command} 需要至少一个${args.command === 'export' ? '草稿文件或示例名' : args.command === 'pdf' ? '草稿文件、示例名或工作簿' : '工作簿文件'}\n\n${USAGE}`);
    return 2;
  }
  if (args.summary && (args.command !== 'check' || !/\.(csv|json)$/i.test(args.summary))) {
    io.err(`--summary 只用于 check，文件须为 .csv 或 .json：${args.summary}`);
    return 2;
  }
  if (args.units && (args.command !== 'check' || args.files.length !== 1 || args.units.length === 0 || args.summary)) {
    io.err(`--units 只用于 check：一个部门预算工作簿，--units 之后是其下属单位的工作簿（不与 --summary 同用）\n\n${USAGE}`);
    return 2;
  }
  const dictionaries = loadShippedDictionaries();
  if (args.units) return runUnitsCheck(args.files[0], args.units, args.json, io, dictionaries);
  if (args.command === 'export') return runExport(args, io, dictionaries);
  if (args.command === 'pdf') return runPdf(args, io, dictionaries);
  return runImport(args, io, dictionaries);
}

/** A message for the user: ours are Chinese; anything else is reported without a stack. */
function messageOf(e: unknown): string {
  if (e instanceof ExportTargetExists) return `${e.message}，未导出，原文件未改动；如要替换，请加 --force`;
  if (e instanceof WorkbookFileError || e instanceof ApiFailure || e instanceof PrinterUnavailable || e instanceof BlockingFindings) return e.message;
  return `内部错误：${e instanceof Error ? e.message : String(e)}`;
}

/** The files the workbook reader takes (see `read`). */
const WORKBOOK_FILE = new RegExp(`\\.(${WORKBOOK_EXTENSIONS.join('|')})$`, 'i');

/** A clerk who passes `export` a workbook: what export takes, and what a workbook can go through instead. */
const WORKBOOK_NOT_EXPORTED =
  '这是工作簿，不是草稿：export 只导出草稿文件（*.budget.json）或示例名；工作簿可用 read 查看识别结果、check 校验、pdf 生成公开 PDF，或在程序中“从 Excel 导入…”成为草稿';

async function runExport(args: Args, io: CliIo, dictionaries: Dictionaries): Promise<number> {
  const many = args.files.length > 1;
  const outDir = args.output && existsSync(args.output) && statSync(args.output).isDirectory() ? args.output : null;
  if (many && args.output && !outDir) {
    io.err(`导出多个草稿时 -o 必须是已存在的文件夹：${args.output}`);
    return 2;
  }
  // A signed draft file prints its sign-off as the app does (the same extension).
  const exporter = new WorkbookExporter();
  exporter.extensions.push(signOffSheet());
  let code = 0;
  for (const source of args.files) {
    try {
      if (WORKBOOK_FILE.test(source) && existsSync(source)) throw new ApiFailure('bad-file', WORKBOOK_NOT_EXPORTED);
      const { meta, model, payload, signature } = loadBudget(source, dictionaries);
      const name = `${basename(source).replace(/\.budget\.json$|\.json$/i, '')}.xlsx`;
      const file = outDir ? join(outDir, name) : (args.output ?? name);
      const result = await exporter.export({ meta, model, file: payload }, file, { dictionaries, replace: args.force });
      // A signature that no longer holds is said, not printed.
      if (signature.problem) io.err(`${source}：${signature.problem}导出的报表不含审签情况。`);
      const signed = signature.signature ? `，含审签情况（审核人 ${signature.signature.signer}）` : '';
      io.out(
        args.json
          ? JSON.stringify({ source, file, sheets: result.sheets, signedBy: signature.signature?.signer ?? null })
          : `已导出 ${source} → ${file}（${result.sheets.length} 张表${signed}）`,
      );
    } catch (e) {
      io.err(`${source}：${messageOf(e)}`);
      code = 2;
    }
  }
  return code;
}

async function runPdf(args: Args, io: CliIo, dictionaries: Dictionaries): Promise<number> {
  if (args.files.length > 1) {
    io.err('pdf 一次只生成一个文件');
    return 2;
  }
  const [source] = args.files;
  const file = args.output ?? `${basename(source).replace(/\.budget\.json$|\.json$/i, '').replace(WORKBOOK_FILE, '')}.pdf`;
  if (!/\.pdf$/i.test(file)) {
    io.err(`输出文件须为 .pdf：${file}`);
    return 2;
  }
  if (!args.force && existsSync(file)) {
    io.err(`${source}：文件已存在：${file}，未生成，原文件未改动；如要替换，请加 --force`);
    return 2;
  }
  try {
    const budget = await loadAnyBudget(source, dictionaries);
    if (budget.signature.problem) io.err(`${source}：${budget.signature.problem}PDF 标明“未审签”。`);
    const result = await publishPdf({ model: budget.model, meta: budget.meta, signature: budget.signature.signature, dictionaries }, sharedPrinter(), { draft: args.draft });
    writeFileAtomically(file, result.pdf, args.force, 'PDF');
    const mark = result.blocking ? `，草稿：尚有 ${result.blocking} 个强制性问题` : budget.signature.signature ? `，已审签（审核人 ${budget.signature.signature.signer}）` : '，未审签';
    io.out(args.json ? JSON.stringify({ source, file, pages: result.pages, blocking: result.blocking, contents: result.contents }) : `已生成 ${source} → ${file}（${result.pages} 页${mark}）`);
    return 0;
  } catch (e) {
    io.err(`${source}：${messageOf(e)}`);
    return e instanceof BlockingFindings ? 1 : 2;
  } finally {
    await closeSharedPrinter();
  }
}

/** A draft file, a seed, or a workbook (read as the import reads it, its 情况说明 included). */
async function loadAnyBudget(source: string, dictionaries: Dictionaries): Promise<Budget> {
  if (!WORKBOOK_FILE.test(source) || !existsSync(source)) return loadBudget(source, dictionaries);
  const result = await importWorkbookFile(source, { dictionaries, verify: true });
  const problem = unusableReason(result.plan);
  if (problem) throw new ApiFailure('bad-file', problem);
  const { plan } = result;
  const model = new DraftModel(result.template, { rows: result.content.rows, cells: { ...result.content.cells, ...result.narrative } });
  return { meta: { unitCode: plan.unitCode, unitName: plan.unitName, year: plan.year ?? result.template.year }, model, signature: { signature: null, problem: null } };
}

interface Budget {
  meta: { unitCode: string; unitName: string; year: number };
  model: DraftModel;
  /** The draft file read (absent for a seed). */
  payload?: DraftFilePayload;
  signature: ReturnType<typeof signatureOfFile>;
}

/**
 * A seed or a draft file. A draft file is checked as the app checks one it opens (unit and year,
 * pack, every row and cell), so that a hand-made file exports or prints only what the app would open.
 */
function loadBudget(source: string, dictionaries: Dictionaries): Budget {
  if (SEEDS[source] && !existsSync(source)) {
    const seed = getSeed(source);
    return { meta: seed.meta, model: new DraftModel(templateOf(seed.meta), seed.content), signature: { signature: null, problem: null } };
  }
  if (!existsSync(source)) throw new ApiFailure('not-found', `既不是示例名也不是文件：${source}（示例名：${Object.keys(SEEDS).join('、')}）`);
  const payload = readDraftFile(source);
  const problem = draftMetaProblem(payload.meta);
  if (problem) throw new ApiFailure('invalid-value', `${problem}，无法打开`);
  const template = requireTemplate(payload.meta.templateId, payload.meta.year);
  const model = new DraftModel(template, checkedContent(template, dictionaries, payload.content));
  return { meta: payload.meta, model, payload, signature: signatureOfFile(payload, model) };
}

/** `check 部门.xlsx --units …`: 0 when the department's figures are its units' consolidated, 1 when not, 2 when a file cannot be read. */
async function runUnitsCheck(departmentFile: string, unitFiles: string[], json: boolean, io: CliIo, dictionaries: Dictionaries): Promise<number> {
  let report;
  try {
    report = await checkDepartmentWithUnits(departmentFile, unitFiles, dictionaries);
  } catch (e) {
    io.err(messageOf(e));
    return 2;
  }
  io.out(json ? JSON.stringify(report, null, 2) : unitsCheckText(departmentFile, report));
  return report.differences.length ? 1 : 0;
}

/** One line of the summary of a `check` over many workbooks. */
interface SummaryRow {
  file: string;
  unit: string;
  year: number | null;
  pack: string;
  tablesFound: number;
  /** Problems left to fix, counted as the draft window counts them (countProblems). */
  errors: number;
  warnings: number;
  /** Findings that follow a problem's first cause, listed under it and not counted. */
  followers: number;
  missingTables: string[];
  /** Why the file could not be checked, when it could not. */
  problem?: string;
}

async function runImport(args: Args, io: CliIo, dictionaries: Dictionaries): Promise<number> {
  let code = 0;
  const results: unknown[] = [];
  const summary: SummaryRow[] = [];
  for (const file of args.files) {
    let result: ImportResult;
    try {
      result = await importWorkbookFile(file, { dictionaries, verify: args.command === 'check' });
    } catch (e) {
      code = 2;
      summary.push({ file, unit: '', year: null, pack: '', tablesFound: 0, errors: 0, warnings: 0, followers: 0, missingTables: [], problem: messageOf(e) });
      if (args.json) results.push({ file, error: messageOf(e) });
      else io.err(`${file}：${messageOf(e)}`);
      continue;
    }
    const problem = unusableReason(result.plan);
    const { plan } = result;
    const sections = findingSections([...plan.findings].sort(listingOrder(result.template)), []);
    const problems = countProblems(sections);
    const row: SummaryRow = {
      file,
      unit: [plan.unitCode, plan.unitName].filter(Boolean).join(' '),
      year: plan.year,
      pack: plan.packName,
      tablesFound: plan.tables.length,
      errors: problems.error,
      warnings: problems.warning,
      followers: problems.followers,
      missingTables: plan.missingTables.map((t) => t.title),
      ...(problem ? { problem } : {}),
    };
    summary.push(row);
    if (problem) {
      code = 2;
      if (args.json) results.push({ file, error: problem, coverage: coverage(result) });
      else io.err(`${file}：${problem}`);
      continue;
    }
    if (args.command === 'read') {
      const report = readReport(result);
      if (args.json) results.push(report);
      else io.out(readText(report));
    } else {
      const text: TextOf = (table, row, col) => result.content.cells[cellKey(table, row, col)] ?? '';
      const listed = listProblems(sections, (f) => findingRow(result.template, f, text, dictionaries));
      if (row.errors > 0 && code === 0) code = 1;
      if (args.json) {
        const { error, warning, followers } = problems;
        results.push({ file, coverage: coverage(result), problems: { error, warning, followers }, findings: plan.findings.map((f) => listed.byFinding.get(f)!) });
      } else io.out(checkText(file, coverage(result), problems, listed.problems));
    }
  }
  if (args.json) io.out(JSON.stringify(results, null, 2));
  if (args.command === 'check' && args.files.length > 1 && !args.json) io.out(summaryText(summary));
  if (args.summary) {
    try {
      writeFileSync(args.summary, /\.json$/i.test(args.summary) ? JSON.stringify(summary, null, 2) : summaryCsv(summary));
      if (!args.json) io.out(`汇总表已保存：${args.summary}`);
    } catch (e) {
      io.err(`无法保存汇总表 ${args.summary}：${writeFailureReason(e)}`);
      code = 2;
    }
  }
  return code;
}

/** What a check covered: the pack, the tables found and where, the tables missing, the rules not run. */
interface Coverage {
  pack: string;
  tablesFound: Array<{ title: string; sheets: string[] }>;
  missingTables: string[];
  sheetsSkipped: Array<{ sheet: string; reason: string }>;
  rulesRun: number;
  rulesNotRun: Array<{ rule: string; missing: string[] }>;
  /** The rule set checked with (see rulesVersion). */
  rulesVersion: string;
}

function coverage(result: ImportResult): Coverage {
  const { plan } = result;
  return {
    pack: plan.packName,
    tablesFound: plan.tables.map((t) => ({ title: t.title, sheets: t.sheets })),
    missingTables: plan.missingTables.map((t) => t.title),
    sheetsSkipped: plan.sheetsSkipped,
    rulesRun: plan.verified ? Math.max(0, rulesFor(result.template).length - plan.rulesOnMissingTables) : 0,
    rulesNotRun: plan.rulesNotRun,
    rulesVersion: rulesVersion(result.template),
  };
}

/**
 * A table found and where: said once when it has a sheet of its own name; several sheets
 * counted and quoted (a sheet's own name may hold 、, as "1、工作经费" does).
 */
function foundTable(t: { title: string; sheets: string[] }): string {
  if (t.sheets.length === 1) return t.sheets[0] === t.title ? t.title : `${t.title}（${t.sheets[0]}）`;
  return `${t.title}（${t.sheets.length} 个工作表：${t.sheets.map((s) => `“${s}”`).join('、')}）`;
}

function coverageText(c: Coverage, verified: boolean): string[] {
  const lines = [`  按模板：${c.pack}`, `  识别出 ${c.tablesFound.length} 张表：${c.tablesFound.map(foundTable).join('；')}`];
  if (c.missingTables.length) lines.push(`  模板中有、工作簿中没有的表（${c.missingTables.length}）：${c.missingTables.join('、')}`);
  for (const s of c.sheetsSkipped) lines.push(`  跳过工作表“${s.sheet}”：${s.reason}`);
  if (verified) {
    lines.push(`  已运行规则 ${c.rulesRun} 条（规则集 ${c.rulesVersion}）${c.rulesNotRun.length ? `；因缺表未运行 ${c.rulesNotRun.length} 条` : ''}`);
    const byMissing = new Map<string, number>();
    for (const r of c.rulesNotRun) {
      const k = r.missing.join('、') || '（自定义规则）';
      byMissing.set(k, (byMissing.get(k) ?? 0) + 1);
    }
    for (const [missing, n] of byMissing) lines.push(`    缺少 ${missing}：${n} 条规则未运行`);
  }
  return lines;
}

function summaryText(rows: SummaryRow[]): string {
  const lines = ['', `汇总（${rows.length} 个文件）：`, ['文件', '单位', '年度', '模板', '识别的表', '强制', '提示', '缺少的表'].join(GAP)];
  for (const r of rows) {
    if (r.problem) lines.push([r.file, r.unit || '—', r.year ?? '—', r.pack || '—', r.tablesFound, '—', '—', `未检查：${r.problem}`].join(GAP));
    else lines.push([r.file, r.unit || '—', r.year ?? '—', r.pack, r.tablesFound, r.errors, r.warnings, r.missingTables.join('、') || '无'].join(GAP));
  }
  return lines.join('\n');
}

function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The summary as CSV with a BOM, so that Excel opens the Chinese text as UTF-8. */
function summaryCsv(rows: SummaryRow[]): string {
  const head = ['文件', '单位', '年度', '模板', '识别的表', '强制', '提示', '缺少的表', '未检查原因'];
  const body = rows.map((r) => [r.file, r.unit, r.year ?? '', r.pack, r.tablesFound, r.problem ? '' : r.errors, r.problem ? '' : r.warnings, r.missingTables.join('、'), r.problem ?? ''].map(csvField).join(','));
  return '\uFEFF' + [head.join(','), ...body].join('\r\n') + '\r\n';
}

// ------------------------------------------------------------------ read

interface ReadTable {
  table: string;
  title: string;
  sheets: string[];
  rows: Array<{ code?: string; name: string; values: Record<string, string> }>;
  skipped: Array<{ sheet: string; row: number; reason: string }>;
}

interface ReadReport {
  file: string;
  unitCode: string;
  unitName: string;
  year: number | null;
  /** The unit of measure the workbook states; the values below are always in 万元 (the template's unit). */
  unitOfMeasure: string;
  valuesIn: string;
  tables: ReadTable[];
  sheetsSkipped: Array<{ sheet: string; reason: string }>;
  pack: string;
  missingTables: string[];
}

export function headerOf(template: Template, table: string, col: string): string {
  const def = template.tables.find((t) => t.id === table)?.columns.find((c) => c.id === col);
  return def ? def.header.join('/') : col;
}

/** The row's name as the workbook prints it beside its code (the read report shows the code apart). */
export function printedRowName(template: Template, table: string, row: string, text: (col: string) => string): string {
  const def = template.tables.find((t) => t.id === table);
  if (!def) return row;
  if (row === TOTAL_ROW) return def.rows.kind === 'coded' ? def.rows.totalLabel : (def.rows.kind === 'list' && def.rows.totalRow?.label) || '合计';
  if (def.rows.kind === 'fixed') {
    const fixed = def.rows.rows.find((r) => r.id === row);
    const labels = def.columns.filter((c) => fixed?.labels[c.id] !== undefined).map((c) => fixed!.labels[c.id]);
    return labels.length ? labels.join(' | ') : row;
  }
  const nameCol = def.columns.find((c) => c.role === 'name' || c.id === 'name');
  return (nameCol && text(nameCol.id)) || row;
}

function readReport(result: ImportResult): ReadReport {
  const { workbook, template, plan } = result;
  const tables: ReadTable[] = [];
  for (const planTable of plan.tables) {
    const def = template.tables.find((t) => t.id === planTable.tableId)!;
    const rows = workbook.tables
      .filter((t) => t.tableId === planTable.tableId)
      .flatMap((t) => t.rows)
      .map((r) => {
        const values: Record<string, string> = {};
        for (const [col, v] of Object.entries(r.values)) {
          if (def.columns.find((c) => c.id === col)?.role === 'name') continue;
          values[headerOf(template, def.id, col)] = v;
        }
        const code = def.rows.kind === 'coded' && r.rowId !== TOTAL_ROW ? r.rowId : undefined;
        return { ...(code ? { code } : {}), name: printedRowName(template, def.id, r.rowId, (c) => r.values[c] ?? ''), values };
      });
    tables.push({
      table: def.id,
      title: def.title,
      sheets: planTable.sheets,
      rows,
      skipped: planTable.skipped.map((s) => ({ sheet: s.sheet, row: s.sheetRow, reason: s.reason })),
    });
  }
  return {
    file: workbook.file,
    unitCode: workbook.unitCode,
    unitName: workbook.unitName,
    year: workbook.year,
    unitOfMeasure: workbook.unitStated ? workbook.unitOfMeasure : `${workbook.unitOfMeasure}（未注明，按${template.unitOfMeasure}读取）`,
    valuesIn: template.unitOfMeasure,
    tables,
    sheetsSkipped: workbook.sheetsSkipped,
    pack: plan.packName,
    missingTables: plan.missingTables.map((t) => t.title),
  };
}

function readText(r: ReadReport): string {
  const lines = [
    `文件：${r.file}`,
    `单位：${[r.unitCode, r.unitName].filter(Boolean).join(' ') || '（未识别）'}${GAP}预算年度：${r.year ?? '（未识别）'}${GAP}金额单位：${r.unitOfMeasure}（以下金额均为${r.valuesIn}）`,
    `按模板：${r.pack}${GAP}识别出 ${r.tables.length} 张表：${r.tables.map(foundTable).join('；')}`,
  ];
  if (r.missingTables.length) lines.push(`模板中有、工作簿中没有的表（${r.missingTables.length}）：${r.missingTables.join('、')}`);
  for (const t of r.tables) {
    lines.push('', `【${t.title}】（工作表：${t.sheets.join('、')}；${t.rows.length} 行）`);
    for (const row of t.rows) {
      const values = Object.entries(row.values).map(([h, v]) => `${h}=${v}`);
      lines.push(`  ${row.code ? row.code + ' ' : ''}${row.name}${values.length ? '：' + values.join('，') : ''}`);
    }
    for (const s of t.skipped) lines.push(`  （跳过 ${s.sheet} 第 ${s.row} 行：${s.reason}）`);
  }
  for (const s of r.sheetsSkipped) lines.push('', `（跳过工作表“${s.sheet}”：${s.reason}）`);
  return lines.join('\n');
}

// ------------------------------------------------------------------ check

interface FindingRow {
  /** The problem it belongs to: its number in the list the text prints. */
  problem: number;
  /** Whether it follows the problem's first cause (the same check failing on its 款, 类 or 合计). */
  follower: boolean;
  rule: string;
  severity: string;
  table: string;
  row: string;
  column: string;
  expected: string;
  actual: string;
  message: string;
}

type FindingFields = Omit<FindingRow, 'problem' | 'follower'>;

interface ListedProblem {
  lead: FindingRow;
  related: FindingRow[];
}

/** The problems in the order the text lists them, and each finding's row (numbered by its problem) for --json. */
function listProblems(sections: FindingSection[], fields: (f: Finding) => FindingFields): { problems: ListedProblem[]; byFinding: Map<Finding, FindingRow> } {
  const problems: ListedProblem[] = [];
  const byFinding = new Map<Finding, FindingRow>();
  const row = (f: Finding, follower: boolean): FindingRow => {
    const r = { problem: problems.length + 1, follower, ...fields(f) };
    byFinding.set(f, r);
    return r;
  };
  for (const { open } of sections) for (const g of open) problems.push({ lead: row(g.lead, false), related: g.related.map((f) => row(f, true)) });
  return { problems, byFinding };
}

function findingRow(template: Template, f: Finding, text: TextOf, dictionaries: Dictionaries): FindingFields {
  const cell = f.cells[0];
  const table = template.tables.find((t) => t.id === (cell?.table ?? f.table));
  return {
    rule: f.ruleId,
    severity: SEVERITY_LABELS[f.severity],
    table: table?.title ?? f.table,
    row: cell ? rowName(template, cell.table, cell.row, text, { col: cell.col, dictionaries }) : '',
    column: cell ? headerOf(template, cell.table, cell.col) : '',
    expected: f.expected ?? '',
    actual: f.actual ?? '',
    message: f.message,
  };
}

/**
 * The check of one workbook: counted as the draft window counts (a wrong figure and the 款, 类 and
 * 合计 it breaks are one problem), one entry a problem, its followers under it. A follower has its
 * cause's rule, table and column, so its line gives the row, 应为 and 实为 only.
 */
function checkText(file: string, c: Coverage, count: ProblemCount, problems: ListedProblem[]): string {
  const scope = c.missingTables.length ? `（只检查了识别出的 ${c.tablesFound.length} 张表）` : '';
  const leftOut = leftOutText(count);
  const lines = [
    problems.length === 0
      ? `${file}：在已运行的 ${c.rulesRun} 条规则中未发现问题${scope}`
      : `${file}：${problems.length} 个问题（${SEVERITY_LABELS.error} ${count.error}，${SEVERITY_LABELS.warning} ${count.warning}）${scope}`,
    ...(leftOut ? [`  ${leftOut}，列在其问题下`] : []),
    ...coverageText(c, true),
  ];
  for (const { lead: f, related } of problems) {
    lines.push(`  ${f.problem}. [${f.severity}] ${f.rule}${GAP}${f.table}${GAP}行 ${f.row}${GAP}栏 ${f.column}${GAP}应为 ${f.expected}${GAP}实为 ${f.actual}`, `      ${f.message}`);
    if (related.length) lines.push(`      ${followersLabel(related.length)}：`);
    for (const r of related) lines.push(`        行 ${r.row}${GAP}应为 ${r.expected}${GAP}实为 ${r.actual}`);
  }
  return lines.join('\n');
}

