import { Fragment, useState } from 'react';
import type { ImportPlan } from '../../../../shared/api/excel';
import { SEVERITY_LABELS, type Finding } from '../../../../shared/findings';
import { formatMoney, parseMoney } from '../../../../shared/money';
import { rowUnit, tableByRole, tableUnit, type Template } from '../../../../shared/template/types';
import { countProblems, findingSections, followersLabel, leftOutText, listingOrder } from '../../../../shared/validation/problems';
import { priorRowsLeftBlank } from '../../../../shared/prior-year';
import { PreviewTable } from './PreviewTable';

/** Decimal text as the grid shows it; anything unreadable as it came. */
function amount(text: string): string {
  const r = parseMoney(text);
  return r.ok ? formatMoney(r.value) : text;
}

function tableTitle(template: Template | undefined, id: string): string {
  return template?.tables.find((t) => t.id === id)?.title ?? id;
}

/**
 * What an import would do: where every table and column goes, what is left out and why, and the
 * findings; with `priorFor` (the template of the draft whose 上年数 it would give), the 上年预算数.
 */
export function ImportPreview({ plan, template, priorFor }: { plan: ImportPlan; template: Template | undefined; priorFor?: Template }) {
  return (
    <div className="bd-excel-preview" data-testid="import-preview">
      <dl className="bd-excel-facts">
        <dt>文件</dt>
        <dd>{plan.file}</dd>
        <dt>单位</dt>
        <dd>{plan.unitCode || plan.unitName ? `${plan.unitCode} ${plan.unitName}`.trim() : <span className="bd-excel-flag">未识别</span>}</dd>
        <dt>预算年度</dt>
        <dd>{plan.year ?? <span className="bd-excel-flag">未识别</span>}</dd>
        <dt>金额单位</dt>
        <dd data-testid="import-unit">
          {plan.unitOfMeasure}
          {!plan.unitStated && <span className="bd-excel-flag">（工作簿未注明，按{plan.unitOfMeasure}处理）</span>}
          {template && plan.unitStated && plan.unitOfMeasure !== template.unitOfMeasure && <span className="bd-muted">（已换算为{template.unitOfMeasure}）</span>}
        </dd>
      </dl>

      {priorFor && <PriorFigures plan={plan} template={priorFor} />}

      <h3>读取的报表（{plan.tables.length}）</h3>
      <table className="bd-excel-table" data-testid="import-tables">
        <thead>
          <tr>
            <th>报表</th>
            <th>工作表</th>
            <th>行数</th>
            <th>数字</th>
            <th>略过的行</th>
          </tr>
        </thead>
        <tbody>
          {plan.tables.map((t) => (
            <TableRows key={t.tableId} table={t} template={template} />
          ))}
        </tbody>
      </table>

      {plan.missingTables.length > 0 && (
        <section data-testid="import-missing">
          <h3>工作簿中没有的报表（{plan.missingTables.length}）</h3>
          <p>{plan.missingTables.map((t) => t.title).join('、')}</p>
          {plan.rulesOnMissingTables > 0 && (
            <p className="bd-muted">
              涉及这些报表的 {plan.rulesOnMissingTables} 条规则未检查{plan.findingsOnMissingTables > 0 ? `，略去 ${plan.findingsOnMissingTables} 条问题` : ''}。
            </p>
          )}
        </section>
      )}

      <PreviewList testId="import-sheets-skipped" title="未读取的工作表" items={plan.sheetsSkipped.map((s) => ({ key: s.sheet, text: `${s.sheet}：${s.reason}` }))} />
      <PreviewList
        testId="import-orphans"
        title="无法录入的科目"
        note="这些科目有数字，但下面没有明细科目（项/款），数字不能录入："
        items={plan.orphans.map((o) => ({ key: `${o.table}!${o.code}`, text: `${tableTitle(template, o.table)}：${o.name || o.code}` }))}
      />

      {plan.differences.length > 0 && (
        <section data-testid="import-differences">
          <h3>合计与明细不符（{plan.differences.length}）</h3>
          <p className="bd-muted">工作簿印出的合计与其明细之和不同；导入后按明细重新计算。</p>
          <PreviewTable
            rows={plan.differences}
            rowKey={(d) => `${d.table}!${d.row}!${d.col}`}
            // The ids stay on the row for tests and support; the clerk reads names.
            rowAttributes={(d) => ({ 'data-cell': `${d.table}!${d.row}!${d.col}` })}
            columns={[
              { head: '报表', cell: (d) => tableTitle(template, d.table) },
              { head: '行', cell: (d) => d.rowName || d.row },
              { head: '栏', cell: (d) => columnHeader(template, d.table, d.col) },
              { head: '工作簿数', num: true, cell: (d) => amount(d.stated) },
              { head: '明细之和', num: true, cell: (d) => amount(d.computed) },
            ]}
          />
        </section>
      )}

      {plan.verified && <ImportFindings findings={template ? [...plan.findings].sort(listingOrder(template)) : plan.findings} />}
    </div>
  );
}

/**
 * The findings of the workbook's figures (in listing order), counted and listed as the draft window
 * will count and list them once imported: one line a problem, the 款, 类 and 合计 it breaks folded under it.
 */
function ImportFindings({ findings }: { findings: readonly Finding[] }) {
  const sections = findingSections(findings, []);
  const count = countProblems(sections);
  const leftOut = leftOutText(count);
  const line = (f: Finding) => (
    <>
      <span className={`bd-badge sev-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span> {f.message}
    </>
  );
  return (
    <section data-testid="import-findings">
      <h3>导入数字的检查结果：{findings.length === 0 ? '未发现问题' : `${SEVERITY_LABELS.error} ${count.error} 条，${SEVERITY_LABELS.warning} ${count.warning} 条`}</h3>
      {leftOut && <p className="bd-muted" data-testid="import-findings-left-out">{leftOut}</p>}
      {findings.length > 0 && (
        <ul className="bd-excel-findings">
          {sections.flatMap((s) =>
            s.open.map(({ lead, related }) => (
              <li key={lead.id} data-severity={lead.severity} data-finding={lead.id}>
                {line(lead)}
                {related.length > 0 && (
                  <details data-testid="related-findings">
                    <summary>{followersLabel(related.length)}</summary>
                    <ul>
                      {related.map((f) => (
                        <li key={f.id} data-finding={f.id}>
                          {line(f)}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            )),
          )}
        </ul>
      )}
    </section>
  );
}

function columnHeader(template: Template | undefined, table: string, col: string): string {
  const def = template?.tables.find((t) => t.id === table)?.columns.find((c) => c.id === col);
  return def ? def.header.join(' / ') : col;
}

/** Sheet names listed up to a few; 项目绩效目标表 comes from one sheet per project. */
function sheetList(sheets: string[]): string {
  return sheets.length <= 3 ? sheets.join('、') : `${sheets.slice(0, 3).join('、')} 等 ${sheets.length} 张`;
}

/** One table of the preview; its column mapping and skipped rows open below it. */
function TableRows({ table: t, template }: { table: ImportPlan['tables'][number]; template: Template | undefined }) {
  const [open, setOpen] = useState(false);
  const def = template?.tables.find((d) => d.id === t.tableId);
  return (
    <Fragment>
      <tr data-table={t.tableId}>
        <td>
          <button type="button" className="bd-link bd-excel-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'} {t.title}
          </button>
        </td>
        <td title={t.sheets.join('\n')}>
          {sheetList(t.sheets)}
          {t.convertedFrom && def && <span className="bd-muted" data-testid="import-table-unit">（单位：{t.convertedFrom}，已换算为{tableUnit(template!, def)}）</span>}
        </td>
        <td className="num">{t.rows}</td>
        <td className="num">{t.cells}</td>
        <td className="num">{t.skipped.length || ''}</td>
      </tr>
      {open && (
        <tr data-detail={t.tableId}>
          <td colSpan={5}>
            <ColumnsAndSkipped table={t} template={template} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function ColumnsAndSkipped({ table, template }: { table: ImportPlan['tables'][number]; template: Template | undefined }) {
  return (
    <div className="bd-excel-detail">
      <PreviewTable
        rows={table.columns}
        rowKey={(c) => String(c.sheetCol)}
        rowAttributes={(c) => ({ className: c.colId ? '' : 'bd-excel-ignored' })}
        columns={[
          { head: '列', num: true, cell: (c) => c.sheetCol },
          { head: '表头', cell: (c) => c.header || <span className="bd-muted">（空）</span> },
          { head: '去向', cell: (c) => (c.colId ? `→ ${columnHeader(template, table.tableId, c.colId)}` : (c.reason ?? '没有对应的栏目，不导入')) },
        ]}
      />
      {table.skipped.length > 0 && (
        <ul className="bd-excel-skipped">
          {table.skipped.map((s) => (
            <li key={`${s.sheet}!${s.sheetRow}`}>
              {s.sheet} 第 {s.sheetRow} 行：{s.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The 上年预算数 column of 上年对比 as the import will fill it. */
function PriorFigures({ plan, template }: { plan: ImportPlan; template: Template | undefined }) {
  const py = template && tableByRole(template, 'priorYear');
  const entries = Object.entries(plan.prior);
  if (!entries.length) return <p className="bd-excel-flag">工作簿中没有可作为上年预算数的数字。</p>;
  const unit = template && py ? tableUnit(template, py) : undefined;
  const label = (key: string) => {
    const rowId = key.split('!')[1];
    const row = py?.rows.kind === 'fixed' ? py.rows.rows.find((r) => r.id === rowId) : undefined;
    const text = row ? (Object.values(row.labels)[0] ?? rowId) : rowId;
    // A row in a unit of its own (上海's “三公” rows in 万元) says so.
    const own = template && py ? rowUnit(template, py, rowId) : unit;
    return own !== unit ? `${text}（${own}）` : text;
  };
  const blank = template ? priorRowsLeftBlank(template, plan.prior) : [];
  return (
    <section data-testid="import-prior">
      <h3>将填入“{py?.title ?? '上年对比'}”的上年预算数{unit ? `（${unit}）` : ''}</h3>
      {plan.targetTemplateId && <p className="bd-muted">工作簿按“{plan.packName}”读取，上年数按项目（收入总计、基本支出等）对应填入本稿。</p>}
      {blank.length > 0 && (
        <p className="bd-excel-flag" data-testid="import-prior-blank">
          工作簿的版式中没有以下项目，其上年预算数留空：{blank.map((b) => b.label).join('、')}
        </p>
      )}
      <PreviewTable
        className="bd-excel-narrow"
        rows={entries}
        rowKey={([key]) => key}
        rowAttributes={([key]) => ({ 'data-cell': key })}
        columns={[{ cell: ([key]) => label(key) }, { num: true, cell: ([, value]) => amount(value) }]}
      />
    </section>
  );
}

/** A titled list of what the import leaves out, shown only when there is something in it. */
function PreviewList({ testId, title, note, items }: { testId: string; title: string; note?: string; items: Array<{ key: string; text: string }> }) {
  if (!items.length) return null;
  return (
    <section data-testid={testId}>
      <h3>
        {title}（{items.length}）
      </h3>
      {note && <p className="bd-muted">{note}</p>}
      <ul>
        {items.map((item) => (
          <li key={item.key}>{item.text}</li>
        ))}
      </ul>
    </section>
  );
}
