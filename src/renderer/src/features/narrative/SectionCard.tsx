import { useRef } from 'react';
import type { Finding } from '../../../../shared/findings';
import { editableSource, narrativeTable, type NarrativeSection } from '../../../../shared/narrative/draft';
import type { CodeNames } from '../../../../shared/narrative/lines';
import { useFocusNext } from '../draft/focus-next';
import { setCells } from '../projects/edit';
import { Field } from '../projects/Field';
import type { TableViewProps } from '../slots';

/** One section of the 情况说明: drafted from the figures, or the clerk's own text (checked). */
export function SectionCard(props: TableViewProps & { section: NarrativeSection; findings: Finding[]; names?: CodeNames }) {
  const { draft, section, findings, names } = props;
  const ro = draft.readOnly;
  const TABLE = narrativeTable(draft.template) ?? '';
  const hasCol = (col: string) => draft.template.tables.find((t) => t.id === TABLE)?.columns.some((c) => c.id === col) ?? false;
  const set = (col: string, value: string) => setCells(props, [{ table: TABLE, row: section.id, col, value }]);
  // The button pressed goes away with the mode it switched: the keyboard goes on to the text to write, or to the button back.
  const box = useRef<HTMLElement>(null);
  const focusNext = useFocusNext(box);
  const startEditing = async () => {
    if (!(await set('text', editableSource(draft.model, draft.template, section.id, names)))) return;
    props.notify(`“${section.title}”已改为手工编辑；{{…}} 处的数字仍随报表更新`);
    focusNext(`[data-testid="${CSS.escape(`text-${section.id}`)}"]`);
  };
  const backToDraft = async () => {
    if (!(await set('text', ''))) return;
    props.notify(`“${section.title}”已恢复为按报表自动生成`);
    focusNext('header button');
  };

  return (
    <section className={`bd-narrative-section mode-${section.mode}`} data-section={section.id} aria-label={section.title} ref={box}>
      <header>
        <h2>{section.title}</h2>
        <span className={`bd-status ${section.mode === 'manual' ? 'bd-status-submitted' : ''}`} data-testid={`mode-${section.id}`}>
          {section.mode === 'manual' ? '手工编辑' : '按报表生成'}
        </span>
        {!ro && section.mode === 'drafted' && <button className="bd-btn" onClick={() => void startEditing()}>手工编辑本节</button>}
        {!ro && section.mode === 'manual' && <button className="bd-btn" onClick={() => void backToDraft()}>恢复自动生成</button>}
      </header>
      {findings.length > 0 && (
        <ul className="bd-narrative-findings" aria-label="本节的审核发现">
          {findings.map((f) => (
            <li key={f.id} className={`sev-${f.severity}`}>
              <button className="bd-link" onClick={() => f.cells[1] && props.selectCell(f.cells[1])} title="查看相关报表单元格">{f.message}</button>
            </li>
          ))}
        </ul>
      )}
      {section.mode === 'manual' ? (
        <div className="bd-narrative-edit">
          <Field
            label={`${section.title}（手工编辑）`}
            multiline
            value={draft.model.text(TABLE, section.id, 'text')}
            readOnly={ro}
            onCommit={(v) => set('text', v)}
            testId={`text-${section.id}`}
            style={{ minHeight: 140 }}
          />
          <p className="bd-muted">{'{{…}}'} 是与报表单元格关联的数字，保留它们，数字就会随报表自动更新；直接写出的数字会与报表核对。</p>
          <div className="bd-narrative-text" data-testid={`preview-${section.id}`}>{section.text}</div>
        </div>
      ) : (
        <>
          <div className="bd-narrative-text" data-testid={`preview-${section.id}`}>{section.text}</div>
          {!ro && (hasCol('lead') || hasCol('tail')) && (
            <details className="bd-narrative-own">
              <summary>本节的说明文字（部门职责、总体绩效目标、工作保障措施等，不随报表生成的部分）</summary>
              {hasCol('lead') && (
                <label>
                  开头文字
                  <Field label={`${section.title} 开头文字`} multiline value={draft.model.text(TABLE, section.id, 'lead')} onCommit={(v) => set('lead', v)} testId={`lead-${section.id}`} />
                </label>
              )}
              {hasCol('tail') && (
                <label>
                  结尾文字
                  <Field label={`${section.title} 结尾文字`} multiline value={draft.model.text(TABLE, section.id, 'tail')} onCommit={(v) => set('tail', v)} testId={`tail-${section.id}`} />
                </label>
              )}
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** Findings that concern a section: anchored at it or pointing at its cells. */
export function sectionFindings(findings: readonly Finding[], table: string, sectionId: string): Finding[] {
  return findings.filter((f) => f.id.endsWith(`@${sectionId}`) || f.cells.some((c) => c.table === table && c.row === sectionId));
}
