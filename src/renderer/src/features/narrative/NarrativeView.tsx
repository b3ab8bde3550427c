import { useEffect, useMemo, useRef } from 'react';
import { draftNarrative, narrativeHeading, narrativeTable } from '../../../../shared/narrative/draft';
import type { TableViewProps } from '../slots';
import { useCodeNames } from './code-names';
import { SectionCard, sectionFindings } from './SectionCard';

/** The 情况说明 (the pack's outline): sections drafted from the figures, each editable by the clerk. */
export function NarrativeView(props: TableViewProps) {
  const { draft } = props;
  const names = useCodeNames(props);
  // Recomputed on every applied change (version), so the text follows the tables at once.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sections = useMemo(() => draftNarrative(draft.model, draft.template, names), [draft.model, draft.template, draft.version, names]);
  // A finding was chosen: its section into view, the cursor into the text it is about, at the words it quotes.
  const box = useRef<HTMLDivElement>(null);
  const { selected, quote } = props;
  useEffect(() => {
    if (!selected) return;
    const section = box.current?.querySelector<HTMLElement>(`[data-section="${CSS.escape(selected.row)}"]`);
    if (!section) return;
    section.scrollIntoView({ block: 'start' });
    const field = section.querySelector<HTMLTextAreaElement | HTMLInputElement>(`[data-testid="${CSS.escape(`${selected.col}-${selected.row}`)}"]`);
    if (!field) return;
    const folded = field.closest('details');
    if (folded) folded.open = true;
    selectQuoted(field, quote);
    field.focus();
  }, [selected, quote]);
  return (
    <div className="bd-narrative" data-testid="narrative-view" ref={box}>
      <div className="bd-sheet-head">
        <h1>{narrativeHeading(draft.template, draft.meta.unitName)}</h1>
        <div className="bd-info-line">
          <span>按报表生成的段落随数字自动更新；手工编辑的段落会与报表核对，不一致处列为审核发现。</span>
        </div>
      </div>
      {sections.map((s) => (
        <SectionCard key={s.id} {...props} names={names} section={s} findings={sectionFindings(draft.findings, narrativeTable(draft.template) ?? '', s.id)} />
      ))}
    </div>
  );
}

/** Selects the first of the quoted words (several are joined by ；) that the field holds; the cursor stays put when none is there. */
function selectQuoted(field: HTMLTextAreaElement | HTMLInputElement, quote: string | undefined): void {
  for (const words of (quote ?? '').split('；')) {
    const at = words.trim() ? field.value.indexOf(words.trim()) : -1;
    if (at >= 0) return field.setSelectionRange(at, at + words.trim().length);
  }
}
