import { useEffect, useRef, useState } from 'react';
import type { ImportCommitArgs, ImportPlan } from '../../../../shared/api/excel';
import type { DraftMeta } from '../../../../shared/draft';
import { priorYearRefusal } from '../../../../shared/prior-year';
import { getTemplate, PACKS, templateOf } from '../../../../shared/regions';
import { CallError, type CallFn } from '../../api/client';
import { Dialog } from '../draft/Dialog';
import { ImportPreview } from './ImportPreview';
import { WORKBOOK_FORMATS_SHORT, WORKBOOK_OPEN_FILTERS } from '../../../../shared/workbook/formats';
import './excel.css';

/** The new draft's fields a clerk types in the dialog. */
type UnitField = 'unitCode' | 'unitName' | 'year';

/** Import as last year's figures of an open draft, or as the start of a new draft. */
export type ImportTarget = { as: 'prior'; meta: DraftMeta } | { as: 'new' };

type NewDraftFields = { unitCode: string; unitName: string; year: string; templateId: string };

const message = (err: unknown) => (err instanceof CallError ? err.message : String(err));

/**
 * Choose a workbook, read it (nothing is written), show the preview, then commit all or
 * nothing, or discard. A file that cannot be read shows the service's message and changes nothing.
 */
export function ImportDialog(props: { call: CallFn; target: ImportTarget; onCommitted: (meta: DraftMeta, cells: number) => void; onClose: () => void }) {
  const { call, target } = props;
  const [path, setPath] = useState('');
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [fields, setFields] = useState<NewDraftFields | null>(null);
  const [busy, setBusy] = useState<null | 'reading' | 'committing'>(null);
  const [error, setError] = useState<string | null>(null);
  // The preview waiting in main, discarded if the dialog goes away without a commit.
  const pending = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (pending.current) void call('excel/importDiscard', { previewId: pending.current }).catch(() => undefined);
    },
    [call],
  );

  async function discard() {
    const id = pending.current;
    pending.current = null;
    setPlan(null);
    if (id) await call('excel/importDiscard', { previewId: id }).catch(() => undefined);
  }

  /** Read the workbook; `keep` re-reads it for another template, keeping what the clerk typed. */
  async function read(file: string, keep?: NewDraftFields) {
    setBusy('reading');
    setError(null);
    await discard();
    try {
      const templateId = target.as === 'prior' ? target.meta.templateId : keep?.templateId;
      const p = await call('excel/importPreview', { path: file, ...(templateId ? { templateId } : {}) });
      pending.current = p.previewId;
      setPlan(p);
      setFields(keep ? { ...keep, templateId: p.templateId } : { unitCode: p.unitCode, unitName: p.unitName, year: p.year ? String(p.year) : '', templateId: p.templateId });
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(null);
    }
  }

  /** The workbook is read anew for another template: its tables and columns are matched against that one. */
  function changeTemplate(templateId: string) {
    const next = { ...fields!, templateId };
    setFields(next);
    if (plan && templateId !== plan.templateId) void read(plan.file, next);
  }

  async function choose() {
    try {
      const r = await call('files/chooseOpen', { title: target.as === 'prior' ? '选择上年预算工作簿' : '选择预算工作簿', filters: WORKBOOK_OPEN_FILTERS });
      if (!r.path) return;
      setPath(r.path);
      await read(r.path);
    } catch (err) {
      setError(message(err));
    }
  }

  /** The field a refusal is about: marked, and the cursor put there (the preview may have scrolled it away). */
  const [invalid, setInvalid] = useState<UnitField | null>(null);
  const fieldRefs = useRef<Partial<Record<UnitField, HTMLInputElement | null>>>({});
  function refuse(text: string, field: UnitField) {
    setError(text);
    setInvalid(field);
    fieldRefs.current[field]?.focus();
  }

  async function commit() {
    if (!plan) return;
    let args: ImportCommitArgs;
    if (target.as === 'prior') args = { previewId: plan.previewId, as: 'prior', draftId: target.meta.id };
    else {
      const f = fields!;
      const year = Number(f.year);
      const missing = !f.unitCode.trim() ? 'unitCode' : !f.unitName.trim() ? 'unitName' : null;
      if (missing) return refuse('请填写单位编码和单位名称', missing);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) return refuse(`“${f.year}”不是有效的预算年度`, 'year');
      args = { previewId: plan.previewId, as: 'new', unitCode: f.unitCode.trim(), unitName: f.unitName.trim(), year, templateId: f.templateId };
    }
    setBusy('committing');
    setError(null);
    setInvalid(null);
    try {
      const r = await call('excel/importCommit', args);
      pending.current = null;
      props.onCommitted(r.meta, r.cells);
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(null);
    }
  }

  async function cancel() {
    await discard();
    props.onClose();
  }

  const title = target.as === 'prior' ? '导入上年数（Excel）' : '从 Excel 导入';
  const templateId = fields?.templateId ?? plan?.templateId;
  const template = templateId ? findTemplate(templateId) : undefined;
  // Last year's figures of another region's layout, or of a year not before the draft's, are refused (as main refuses them).
  const priorRefusal = target.as === 'prior' && plan ? priorYearRefusal(plan, target.meta) : null;
  const yearWarning = target.as === 'prior' && !priorRefusal && plan?.year && plan.year !== target.meta.year - 1 ? `工作簿的预算年度是 ${plan.year} 年，不是本稿（${target.meta.year} 年）的上一年度。` : null;
  const laterYear = target.as === 'new' && plan?.year && fields && Number(fields.year) > plan.year;
  const laterYearPrior = laterYear && !priorYearRefusal(plan, { templateId: fields.templateId, year: Number(fields.year) });
  const shownError = error ?? priorRefusal;

  return (
    <Dialog title={title} onClose={() => void cancel()} wide>
      <div className="bd-modal-body bd-excel-form">
        <p className="bd-muted">
          {target.as === 'prior'
            ? '读取上年的预算工作簿，其数字作为本稿的上年数（“上年对比”中的上年预算数及增减额、增减率）。确认前不会改动本稿。'
            : '读取按标准格式填写的预算工作簿（本软件导出的或按模板手工填写的），作为新预算稿的起始数据。确认前不会创建任何预算稿。'}
        </p>
        <form
          className="bd-excel-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void read(path.trim());
          }}
        >
          <input className="bd-input" value={path} onChange={(e) => setPath(e.target.value)} aria-label="工作簿路径" placeholder={`工作簿文件（${WORKBOOK_FORMATS_SHORT}）`} />
          <button type="button" className="bd-btn" disabled={!!busy} onClick={() => void choose()}>选择文件…</button>
          <button type="submit" className="bd-btn" disabled={!!busy || !path.trim()}>{busy === 'reading' ? '正在读取…' : '读取'}</button>
        </form>

        {plan && target.as === 'new' && fields && (
          <fieldset className="bd-excel-fields" aria-label="新预算稿">
            <legend>新预算稿（可修改）</legend>
            <label>单位编码<input className="bd-input" ref={(el) => void (fieldRefs.current.unitCode = el)} aria-invalid={invalid === 'unitCode' || undefined} value={fields.unitCode} onChange={(e) => setFields({ ...fields, unitCode: e.target.value })} /></label>
            <label>单位名称<input className="bd-input" ref={(el) => void (fieldRefs.current.unitName = el)} aria-invalid={invalid === 'unitName' || undefined} value={fields.unitName} onChange={(e) => setFields({ ...fields, unitName: e.target.value })} /></label>
            <label>预算年度<input className="bd-input" ref={(el) => void (fieldRefs.current.year = el)} aria-invalid={invalid === 'year' || undefined} value={fields.year} inputMode="numeric" onChange={(e) => setFields({ ...fields, year: e.target.value })} /></label>
            <label>
              报表模板
              <select className="bd-input" value={fields.templateId} onChange={(e) => changeTemplate(e.target.value)}>
                {PACKS.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            </label>
            {laterYear && (
              <p className="bd-muted bd-excel-wide">
                预算年度晚于工作簿（{plan.year} 年）：工作簿的数字作为新稿的起始数据，{laterYearPrior ? '同时作为上年数' : '两地的表和口径不同，不作为上年数'}。
              </p>
            )}
          </fieldset>
        )}

        {yearWarning && <p className="bd-excel-flag" role="note">{yearWarning}</p>}
        {plan && <ImportPreview plan={plan} template={template} priorFor={target.as === 'prior' && !priorRefusal ? templateOf(target.meta) : undefined} />}
      </div>
      <footer>
        {/* In the footer, always in view: the preview above may be long. */}
        {shownError && <p className="bd-error-text bd-footer-message" role="alert">{shownError}</p>}
        <button type="button" className="bd-btn" onClick={() => void cancel()}>取消</button>
        <button type="button" className="bd-btn bd-btn-primary" disabled={!plan || !!busy || !!priorRefusal} onClick={() => void commit()}>
          {busy === 'committing' ? '正在导入…' : '确认导入'}
        </button>
      </footer>
    </Dialog>
  );
}

/** The template, or undefined for an id this build does not know (labels then show ids). */
function findTemplate(id: string) {
  try {
    return getTemplate(id);
  } catch {
    return undefined;
  }
}
