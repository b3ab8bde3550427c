import { useEffect, useId, useState } from 'react';
import type { DepartmentUnits, UnitEntry, UnitSource, UnitStatus } from '../../../../shared/api/units';
import { unitProfileOptions } from '../../../../shared/consolidation/profile';
import type { UnitProfile } from '../../../../shared/consolidation/types';
import { DRAFT_STATUS_LABELS } from '../../../../shared/draft';
import { WORKBOOK_FORMATS_TEXT, WORKBOOK_OPEN_FILTERS } from '../../../../shared/workbook/formats';
import { CallError, type CallFn } from '../../api/client';
import { DRAFT_FILE_FILTERS } from '../review/DraftFileDialog';
import type { SidePanelProps } from '../registry';
import { ConsolidationDetail, shownFigure } from './ConsolidationDetail';
import './units.css';

const STATUS_LABELS: Record<UnitStatus, string> = { 'not-started': '未开始', ...DRAFT_STATUS_LABELS };
const EMPTY_UNIT: UnitProfile = { code: '', name: '', nature: '', rank: '', funding: '' };

const message = (err: unknown) => (err instanceof CallError ? err.message : String(err));
const time = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/**
 * 下属单位 of a department draft: its units with their states, adding a unit, starting a
 * unit's own draft or taking one in (draft file or workbook, validated in main), and the
 * consolidation (汇总) with what it eliminated and the per-unit detail.
 */
export function UnitsPanel({ draft, call, reload, notify }: SidePanelProps) {
  const departmentId = draft.meta.id;
  const [data, setData] = useState<DepartmentUnits | null>(null);
  const [notApplicable, setNotApplicable] = useState<string | null>(null);
  const [adding, setAdding] = useState<UnitProfile | null>(null);
  const [takingIn, setTakingIn] = useState<string | null>(null);
  const [detail, setDetail] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('units/list', { departmentId }).then(
      (d) => {
        if (!live) return;
        setData(d);
        setNotApplicable(null);
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof CallError && err.error.code === 'bad-request') setNotApplicable(err.message);
        else setError(message(err));
      },
    );
    return () => {
      live = false;
    };
  }, [call, departmentId, draft.version, draft.meta.status]);

  async function run(action: () => Promise<DepartmentUnits>, done?: string) {
    setBusy(true);
    setError(null);
    try {
      setData(await action());
      if (done) notify(done);
      return true;
    } catch (err) {
      setError(message(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  if (notApplicable) return <p className="bd-muted">本稿是单位预算，没有下属单位。</p>;
  if (!data) return error ? <p className="bd-error-text" role="alert">{error}</p> : <p className="bd-muted">正在读取…</p>;

  const consolidate = async () => {
    if (await run(() => call('units/consolidate', { departmentId }), '已按下属单位汇总部门预算')) await reload();
  };
  const c = data.consolidation;

  return (
    <div className="bd-units" data-testid="units-panel">
      {data.units.length === 0 && <p className="bd-muted">尚未设置下属单位。部门预算由本部及各下属预算单位的单位预算汇总而成。</p>}
      <ul className="bd-units-list">
        {data.units.map((u) => (
          <UnitItem
            key={u.code}
            unit={u}
            busy={busy}
            takingIn={takingIn === u.code}
            call={call}
            onStart={() => void run(() => call('units/start', { departmentId, code: u.code }), `已为“${u.name}”建立单位预算稿`)}
            onTakeIn={() => setTakingIn(takingIn === u.code ? null : u.code)}
            onSource={async (source) => {
              if (await run(() => call('units/takeIn', { departmentId, code: u.code, source }), `已导入“${u.name}”的单位预算`)) setTakingIn(null);
            }}
          />
        ))}
      </ul>
      {adding ? (
        <AddUnitForm
          unit={adding}
          options={unitProfileOptions(draft.template)}
          busy={busy}
          onChange={setAdding}
          onCancel={() => setAdding(null)}
          onSubmit={async () => {
            if (await run(() => call('units/add', { departmentId, unit: adding }), `已添加下属单位“${adding.name.trim()}”`)) setAdding(null);
          }}
        />
      ) : (
        !draft.readOnly && <button type="button" className="bd-btn" onClick={() => setAdding(EMPTY_UNIT)}>添加下属单位…</button>
      )}
      {data.units.length > 0 && (
        <div className="bd-units-consolidate">
          <button type="button" className="bd-btn bd-btn-primary" disabled={busy || draft.readOnly} onClick={() => void consolidate()}>
            {busy ? '正在处理…' : c ? '重新汇总' : '汇总下属单位'}
          </button>
          {c && (
            <div className="bd-units-result" data-testid="units-consolidation">
              <p>上次汇总：{time(c.at)}，{c.user}</p>
              {c.outdated && <p className="bd-units-flag" role="note">汇总后下属单位有变化，部门数字已过时，请重新汇总。</p>}
              {c.unsigned.length > 0 && (
                <p className="bd-units-flag" role="note">
                  汇总时未审签的单位：{c.unsigned.map((u) => `${u.name}（${STATUS_LABELS[u.status]}）`).join('、')}
                </p>
              )}
              {c.eliminations.map((e) => (
                <p key={e.label}>
                  抵消 {e.label}：{shownFigure(e.eliminated)}
                </p>
              ))}
              {c.problems.map((p) => (
                <p key={p} className="bd-units-flag">{p}</p>
              ))}
              <button type="button" className="bd-btn" onClick={() => setDetail(true)}>分单位明细…</button>
            </div>
          )}
        </div>
      )}
      {error && <p className="bd-error-text" role="alert">{error}</p>}
      {detail && c && <ConsolidationDetail consolidation={c} unitOfMeasure={draft.template.unitOfMeasure} onClose={() => setDetail(false)} />}
    </div>
  );
}

function UnitItem(props: { unit: UnitEntry; busy: boolean; takingIn: boolean; call: CallFn; onStart: () => void; onTakeIn: () => void; onSource: (s: UnitSource) => void }) {
  const { unit: u, busy } = props;
  return (
    <li className="bd-units-item" data-testid={`unit-${u.code}`}>
      <div className="bd-units-head">
        <strong>{u.name}</strong>
        <span className={`bd-units-status is-${u.status}`}>{STATUS_LABELS[u.status]}</span>
        {u.changedSinceConsolidation && u.status !== 'not-started' && <span className="bd-units-status is-changed">汇总后有变化</span>}
      </div>
      <div className="bd-muted">
        {u.code} · {u.nature} · {u.rank} · {u.funding}
      </div>
      <div className="bd-units-actions">
        {u.draftId ? (
          <a className="bd-btn" href={`#draft=${encodeURIComponent(u.draftId)}`}>打开单位预算</a>
        ) : (
          <button type="button" className="bd-btn" disabled={busy} onClick={props.onStart}>开始编制</button>
        )}
        <button type="button" className="bd-btn" disabled={busy} onClick={props.onTakeIn}>导入…</button>
      </div>
      {props.takingIn && <TakeInForm busy={busy} call={props.call} onSource={props.onSource} />}
    </li>
  );
}

/** A unit's budget from a draft file or its exported workbook: main checks it before taking it in. */
function TakeInForm({ busy, call, onSource }: { busy: boolean; call: CallFn; onSource: (s: UnitSource) => void }) {
  const [kind, setKind] = useState<'workbook' | 'draftFile'>('workbook');
  const [path, setPath] = useState('');
  const [chooseError, setChooseError] = useState('');
  const formatsId = useId();
  const choose = async () => {
    setChooseError('');
    try {
      const filters = kind === 'workbook' ? WORKBOOK_OPEN_FILTERS : DRAFT_FILE_FILTERS;
      const { path: chosen } = await call('files/chooseOpen', { title: kind === 'workbook' ? '选择单位预算工作簿' : '选择单位草稿文件', filters });
      if (chosen) setPath(chosen);
    } catch (err) {
      setChooseError(message(err));
    }
  };
  return (
    <form
      className="bd-units-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) onSource({ kind, path: path.trim() });
      }}
    >
      <select className="bd-input" aria-label="来源" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
        <option value="workbook">单位预算工作簿</option>
        <option value="draftFile">单位草稿文件（.budget.json）</option>
      </select>
      {kind === 'workbook' && <p className="bd-muted" id={formatsId}>可读 {WORKBOOK_FORMATS_TEXT}，按文件内容识别。</p>}
      <input className="bd-input" aria-label="文件路径" placeholder="文件路径" aria-describedby={kind === 'workbook' ? formatsId : undefined} value={path} onChange={(e) => setPath(e.target.value)} />
      <button type="button" className="bd-btn" disabled={busy} onClick={() => void choose()}>选择文件…</button>
      <button type="submit" className="bd-btn" disabled={busy || !path.trim()}>检查并导入</button>
      {chooseError && <p className="bd-error-text" role="alert">{chooseError}</p>}
    </form>
  );
}

function AddUnitForm(props: {
  unit: UnitProfile;
  /** Choices the department's 机构设置 table allows (a select), else free text. */
  options: Partial<Record<keyof UnitProfile, string[]>>;
  busy: boolean;
  onChange: (u: UnitProfile) => void;
  onCancel: () => void;
  onSubmit: () => void;
}) {
  const { unit, onChange } = props;
  const field = (key: keyof UnitProfile, label: string) => {
    const choices = props.options[key];
    const set = (value: string) => onChange({ ...unit, [key]: value });
    return (
      <label>
        {label}
        {choices ? (
          <select className="bd-input" aria-label={label} value={unit[key]} onChange={(e) => set(e.target.value)}>
            <option value="">请选择</option>
            {choices.map((v) => (
              <option key={v} value={v}>{v}</option>
            ))}
          </select>
        ) : (
          <input className="bd-input" aria-label={label} value={unit[key]} onChange={(e) => set(e.target.value)} />
        )}
      </label>
    );
  };
  return (
    <form
      className="bd-units-form"
      aria-label="添加下属单位"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {field('code', '单位编码')}
      {field('name', '单位名称')}
      {field('nature', '单位性质')}
      {field('rank', '单位规格')}
      {field('funding', '经费保障形式')}
      <div className="bd-units-actions">
        <button type="button" className="bd-btn" onClick={props.onCancel}>取消</button>
        <button type="submit" className="bd-btn bd-btn-primary" disabled={props.busy}>添加</button>
      </div>
    </form>
  );
}
