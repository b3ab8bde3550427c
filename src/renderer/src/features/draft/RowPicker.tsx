import { useEffect, useRef, useState } from 'react';
import type { DictionaryEntry } from '../../../../shared/api';
import type { CodeScheme, TableDef } from '../../../../shared/template/types';
import { call } from '../../api/client';
import { Dialog } from './Dialog';

const SCHEME_LABEL: Record<CodeScheme, string> = { function: '支出功能分类科目', economic: '部门预算支出经济分类科目' };

/** Choose a dictionary code for a coded table by code prefix or name fragment. */
export function RowPicker({ templateId, table, existing, onPick, onClose }: { templateId: string; table: TableDef; existing: ReadonlySet<string>; onPick: (entry: DictionaryEntry) => void; onClose: () => void }) {
  const scheme = table.rows.kind === 'coded' ? table.rows.scheme : 'function';
  const deepest = table.rows.kind === 'coded' ? Math.max(...table.rows.levels) : 7;
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<DictionaryEntry[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const n = ++seq.current;
    const t = setTimeout(() => {
      call('dictionary/search', { templateId, scheme, query, limit: 80 })
        .then((rows) => {
          if (n !== seq.current) return;
          setHits(rows);
          setActive(Math.max(0, rows.findIndex((r) => r.code.length === deepest)));
          setError(null);
        })
        .catch((e: Error) => setError(e.message));
    }, 120);
    return () => clearTimeout(t);
  }, [query, scheme, templateId, deepest]);

  const pick = (entry: DictionaryEntry | undefined) => {
    if (!entry) return;
    if (entry.code.length !== deepest) return setError(`请选择${deepest === 7 ? '项' : '款'}级科目（${deepest} 位编码）；上级科目会自动加入`);
    if (existing.has(entry.code)) return setError(`科目 ${entry.code} 已在表中`);
    onPick(entry);
  };

  return (
    <Dialog title={`添加科目 · ${table.shortName ?? table.title}`} onClose={onClose} wide>
      <div className="bd-modal-body">
        <input
          className="bd-input bd-picker-search"
          autoFocus
          placeholder={`输入${SCHEME_LABEL[scheme]}编码或名称，例如 2010301 或 行政运行`}
          value={query}
          aria-label="科目搜索"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(hits.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Enter') pick(hits[active]);
            else return;
            e.preventDefault();
          }}
        />
        {error && <p className="bd-error-text" role="alert">{error}</p>}
        <ul className="bd-picker-list" role="listbox" aria-label="科目">
          {hits.map((h, i) => (
            <li
              key={h.code}
              role="option"
              aria-selected={i === active}
              data-code={h.code}
              className={`${h.code.length === deepest ? 'leaf' : 'parent'}${existing.has(h.code) ? ' present' : ''}`}
              onMouseEnter={() => setActive(i)}
              onDoubleClick={() => pick(h)}
              onClick={() => pick(h)}
            >
              <span className="code">{h.code}</span>
              <span className="name" style={{ paddingLeft: `${(h.code.length - 3) * 0.5}em` }}>{h.name}</span>
              <span className="level">{h.level}</span>
            </li>
          ))}
          {!hits.length && <li className="bd-muted">没有找到匹配的科目</li>}
        </ul>
      </div>
    </Dialog>
  );
}
