import { toFixedString } from '../money';
import type { Template } from '../template/types';
import type { ValueView } from '../validation/types';
import { narrativePackOf, textUnit } from './draft';
import { draftContext } from './kit';
import type { CodeNames, ReasonLine } from './lines';
import { renderText } from './placeholders';

/**
 * The sentence the text prints for a line of the 逐条原因 view: a per-科目 line as the pack's
 * section writes it (NarrativePack.items), a key figure as "x万元，比上年增加 y%，主要原因是：…".
 */
export function lineSentence(view: ValueView, template: Template, line: ReasonLine, names?: CodeNames): string {
  const pack = narrativePackOf(template);
  const unit = textUnit(template);
  if (line.kind === 'item' && pack?.items) {
    return renderText(pack.items.sentence(draftContext(view, template, pack, names), line.id), view, template, unit);
  }
  const amount = `${line.label}${toFixedString(line.current)}${unit}`;
  if (line.prior === null) return `${amount}。`;
  const change = line.current - line.prior;
  const versus = change === 0 ? '与上年持平' : line.prior === 0 ? '上年为零，本年新增' : `比上年${change > 0 ? '增加' : '减少'}${toFixedString(Math.abs(change))}${unit}（${line.rate!.replace('-', '')}%）`;
  const reason = line.reason.trim().replace(/[。；;，,]$/, '');
  return `${amount}，${versus}${reason ? `，主要原因是：${reason}` : ''}。`;
}
