import type { ConsolidationView } from '../../../../shared/api/units';
import { formatMoney, money } from '../../../../shared/money';
import { Dialog } from '../draft/Dialog';

/** A figure of the consolidation (an exact decimal string) as the tables show money: 1,234.50. */
export function shownFigure(value: string | undefined): string {
  return value ? formatMoney(money(value)) : '';
}

/**
 * 部门支出分单位明细: each unit's spending by column, their sum, what the consolidation
 * eliminated between units, and the department's figures; then the eliminations code by code.
 */
export function ConsolidationDetail({ consolidation, unitOfMeasure, onClose }: { consolidation: ConsolidationView; unitOfMeasure: string; onClose: () => void }) {
  const { detail, eliminations } = consolidation;
  const row = (label: string, values: Record<string, string>, className?: string) => (
    <tr key={label} className={className}>
      <th scope="row">{label}</th>
      {detail.columns.map((c) => (
        <td key={c.id}>{shownFigure(values[c.id])}</td>
      ))}
    </tr>
  );
  return (
    <Dialog title="部门支出分单位明细" onClose={onClose} wide>
      <div className="bd-modal-body bd-units-detail">
        <p className="bd-muted">单位：{unitOfMeasure}。部门数 = 各单位合计 − 单位间抵消。</p>
        <table className="bd-units-table" aria-label="部门支出分单位明细">
          <thead>
            <tr>
              <th scope="col">单位</th>
              {detail.columns.map((c) => (
                <th key={c.id} scope="col">{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {detail.units.map((u) => row(`${u.code} ${u.name}`, u.values))}
            {row('各单位合计', detail.sum, 'is-sum')}
            {row('减：单位间抵消', detail.eliminated, 'is-eliminated')}
            {row('部门合计', detail.department, 'is-sum')}
          </tbody>
        </table>
        <h3>单位间抵消</h3>
        {eliminations.length === 0 ? (
          <p className="bd-muted">单位之间没有需要抵消的上级补助、附属单位上缴等往来。</p>
        ) : (
          <table className="bd-units-table" aria-label="单位间抵消">
            <thead>
              <tr>
                <th scope="col">项目</th>
                <th scope="col">收入方</th>
                <th scope="col">支出方</th>
                <th scope="col">抵消</th>
                <th scope="col">按科目</th>
              </tr>
            </thead>
            <tbody>
              {eliminations.map((e) => (
                <tr key={e.label}>
                  <th scope="row">{e.label}</th>
                  <td>{shownFigure(e.income)}</td>
                  <td>{shownFigure(e.spending)}</td>
                  <td>{shownFigure(e.eliminated)}</td>
                  <td className="is-text">{e.byCode.map((b) => `${b.code}：${shownFigure(b.amount)}`).join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <footer>
        <button type="button" className="bd-btn" onClick={onClose}>关闭</button>
      </footer>
    </Dialog>
  );
}
