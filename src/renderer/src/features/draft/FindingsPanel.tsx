import { memo, useCallback, useMemo, useState } from 'react';
import type { Explanation, Finding, Severity } from '../../../../shared/findings';
import { SEVERITY_LABELS } from '../../../../shared/findings';
import { tableRef, tableTitle } from '../../../../shared/review/labels';
import type { Template } from '../../../../shared/template/types';
import { countProblems, followersLabel, leftOutText, type FindingSection } from '../../../../shared/validation/problems';

export interface FindingsPanelProps {
  template: Template;
  findings: readonly Finding[];
  /** The findings by table and severity, as the tab badges count them (findingSections). */
  sections: readonly FindingSection[];
  /** Still being computed after the draft opened, ready, or not computed (why). */
  state: 'checking' | 'ready' | { error: string };
  explanations: ReadonlyMap<string, Explanation>;
  readOnly: boolean;
  onSelect: (finding: Finding) => void;
  onExplain: (finding: Finding, text: string) => Promise<boolean>;
  /** The code rows a finding shows missing (added in one step by onAddMissing); empty when none. */
  missingRows?: (finding: Finding) => Array<{ table: string; code: string }>;
  onAddMissing?: (finding: Finding) => void;
}

/**
 * The live list of findings, by severity and table; a warning can carry a written explanation.
 * A change renders the panel only when the findings changed, and then only the items that did.
 */
export const FindingsPanel = memo(function FindingsPanel({ template, findings, sections, state, explanations, readOnly, onSelect, onExplain, missingRows, onAddMissing }: FindingsPanelProps) {
  const [filter, setFilter] = useState<Severity | 'all'>('all');
  const [editing, setEditing] = useState<string | null>(null);
  const [draftText, setDraftText] = useState('');
  const total = useMemo(() => countProblems(sections), [sections]);
  const leftOut = leftOutText(total);
  const shown = useMemo(
    () => sections.filter((s) => filter === 'all' || s.severity === filter).map((s) => ({ ...s, key: `${s.severity}:${s.table}`, title: tableTitle(template, s.table), count: countProblems([s]) })),
    [sections, filter, template],
  );
  /** What each finding's fix button says: the tables and codes it adds (empty when none). */
  const missingLabels = useMemo(() => {
    const labels = new Map<string, string>();
    if (readOnly || !missingRows || !onAddMissing) return labels;
    for (const f of findings) {
      const missing = missingRows(f);
      if (missing.length) labels.set(f.id, `在${[...new Set(missing.map((m) => tableRefOf(template, m.table)))].join('、')}添加科目 ${[...new Set(missing.map((m) => m.code))].join('、')}`);
    }
    return labels;
  }, [findings, missingRows, onAddMissing, readOnly, template]);

  const edit = useCallback((id: string | null, text = '') => {
    setEditing(id);
    setDraftText(text);
  }, []);
  const renderFinding = (f: Finding) => (
    <FindingItem
      key={f.id}
      finding={f}
      explanation={explanations.get(f.id)}
      readOnly={readOnly}
      missingLabel={missingLabels.get(f.id)}
      draftText={editing === f.id ? draftText : undefined}
      onSelect={onSelect}
      onExplain={onExplain}
      onAddMissing={onAddMissing}
      onEdit={edit}
      onDraftText={setDraftText}
    />
  );

  return (
    <aside className="bd-findings" aria-label="审核结果">
      <header className="bd-findings-head">
        <h2>审核结果</h2>
        <div className="bd-findings-filter" role="tablist">
          <button role="tab" aria-selected={filter === 'all'} onClick={() => setFilter('all')}>全部 {total.error + total.warning}</button>
          <button role="tab" aria-selected={filter === 'error'} className="sev-error" onClick={() => setFilter('error')}>{SEVERITY_LABELS.error} {total.error}</button>
          <button role="tab" aria-selected={filter === 'warning'} className="sev-warning" onClick={() => setFilter('warning')}>{SEVERITY_LABELS.warning} {total.warning}</button>
        </div>
        {leftOut && <p className="bd-findings-note" data-testid="findings-left-out">{leftOut}</p>}
      </header>
      <div className="bd-findings-body" data-testid="findings-list">
        {state === 'checking' && <p className="bd-findings-empty">正在检查各表勾稽关系…</p>}
        {typeof state === 'object' && <p className="bd-error-text" role="alert">未能完成检查：{state.error}</p>}
        {state === 'ready' && findings.length === 0 && <p className="bd-findings-empty">未发现问题：各表勾稽关系一致。</p>}
        {state === 'ready' && findings.length > 0 && total.error + total.warning === 0 && <p className="bd-findings-empty">没有待处理的问题：提示均已说明。</p>}
        {shown.map((s) => (
          <section key={s.key} data-table={s.table} data-severity={s.severity}>
            <h3 className={`sev-${s.severity}`}>
              {SEVERITY_LABELS[s.severity]} · {s.title} {s.count[s.severity] > 0 && <span className="bd-count" data-testid="section-count">{s.count[s.severity]}</span>}
              {s.count.explained > 0 && <span className="bd-count-explained">已说明 {s.count.explained}</span>}
            </h3>
            <ul>
              {s.open.map(({ lead, related }) => (
                <li key={lead.id} className="bd-finding-group">
                  <ul>{renderFinding(lead)}</ul>
                  {related.length > 0 && (
                    <details className="bd-related" data-testid="related-findings">
                      <summary>{followersLabel(related.length)}</summary>
                      <ul>{related.map(renderFinding)}</ul>
                    </details>
                  )}
                </li>
              ))}
              {s.explained.map(renderFinding)}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
});

interface FindingItemProps {
  finding: Finding;
  explanation: Explanation | undefined;
  readOnly: boolean;
  /** The fix button's text, when the finding shows code rows missing. */
  missingLabel: string | undefined;
  /** The explanation being written for this finding, or undefined when it is not being written. */
  draftText: string | undefined;
  onSelect: (finding: Finding) => void;
  onExplain: (finding: Finding, text: string) => Promise<boolean>;
  onAddMissing?: (finding: Finding) => void;
  /** Start (a finding's id and the text to begin with) or end (null) writing an explanation. */
  onEdit: (id: string | null, text?: string) => void;
  onDraftText: (text: string) => void;
}

/** One finding: rendered again only when its own props change. */
const FindingItem = memo(function FindingItem({ finding: f, explanation, readOnly, missingLabel, draftText, onSelect, onExplain, onAddMissing, onEdit, onDraftText }: FindingItemProps) {
  const editing = draftText !== undefined;
  return (
    <li className={`bd-finding sev-${f.severity}`} data-finding={f.id} data-rule={f.ruleId}>
      <button className="bd-finding-msg" onClick={() => onSelect(f)} title="定位到单元格">
        {f.message}
      </button>
      {missingLabel && onAddMissing && (
        <button className="bd-btn bd-fix" data-testid="add-missing" onClick={() => onAddMissing(f)} title="一步添加，可一次撤销">
          {missingLabel}
        </button>
      )}
      {f.severity === 'warning' && explanation && <span className="bd-explained" title="已填写说明，不再计入待处理的提示数">已说明</span>}
      {f.severity === 'warning' && explanation && !editing && (
        <p className="bd-explanation">
          说明：{explanation.text}
          {!readOnly && (
            <button className="bd-link" onClick={() => onEdit(f.id, explanation.text)}>修改</button>
          )}
        </p>
      )}
      {f.severity === 'warning' && !explanation && !editing && !readOnly && (
        <button className="bd-link" onClick={() => onEdit(f.id)}>填写说明</button>
      )}
      {editing && (
        <form
          className="bd-explain-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!draftText.trim()) return;
            void onExplain(f, draftText.trim()).then((ok) => ok && onEdit(null));
          }}
        >
          <textarea aria-label="说明" value={draftText} autoFocus rows={3} placeholder="说明出现该提示的原因，例如：名称为本年度新版科目名称" onChange={(e) => onDraftText(e.target.value)} />
          <div>
            <button type="submit" className="bd-btn bd-btn-primary" disabled={!draftText.trim()}>保存说明</button>
            <button type="button" className="bd-btn" onClick={() => onEdit(null)}>取消</button>
          </div>
        </form>
      )}
    </li>
  );
});

function tableRefOf(template: Template, id: string): string {
  const t = template.tables.find((x) => x.id === id);
  return t ? tableRef(t) : id;
}
