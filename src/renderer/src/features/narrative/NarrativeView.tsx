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
  // A finding was clicked: bring its section into view.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!props.selected) return;
    box.current?.querySelector(`[data-section="${CSS.escape(props.selected.row)}"]`)?.scrollIntoView({ block: 'start' });
  }, [props.selected]);
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
