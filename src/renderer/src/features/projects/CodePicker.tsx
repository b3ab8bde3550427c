import { useEffect, useRef, useState } from 'react';
import type { DictionaryEntry } from '../../../../shared/api';
import type { CallFn } from '../../api/client';

/** 功能分类科目 of a project: type a code or words, choose a 项 (7 digits) from the dictionary. */
export function CodePicker({ call, templateId, value, onPick, readOnly, located }: { call: CallFn; templateId: string; value: string; onPick: (code: string) => void; readOnly?: boolean; located?: boolean }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<DictionaryEntry[]>([]);
  /** The option ↑/↓ point at; Enter picks it (as in the 添加科目 picker). */
  const [cursor, setCursor] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const [named, setNamed] = useState<{ code: string; name: string } | null>(null);
  const seq = useRef(0);
  // The dictionary name of the chosen code, shown beside it (an unknown code shows a warning).
  useEffect(() => {
    if (!value) return;
    let live = true;
    call('dictionary/search', { templateId, scheme: 'function', query: value, limit: 5 })
      .then((rows) => live && setNamed({ code: value, name: rows.find((r) => r.code === value)?.name ?? '' }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [call, templateId, value]);
  const name = named?.code === value ? named.name : undefined;
  useEffect(() => {
    if (!open) return;
    const n = ++seq.current;
    const timer = setTimeout(() => {
      call('dictionary/search', { templateId, scheme: 'function', query, limit: 50 })
        .then((rows) => {
          if (n !== seq.current) return;
          setHits(rows.filter((r) => r.code.length === 7));
          setCursor(0);
        })
        .catch(() => n === seq.current && setHits([]));
    }, 120);
    return () => clearTimeout(timer);
  }, [call, templateId, query, open]);
  useEffect(() => {
    listRef.current?.querySelector('[data-cursor="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  const pick = (code: string) => {
    onPick(code);
    setOpen(false);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') setOpen(false);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setCursor((c) => Math.max(0, Math.min(hits.length - 1, c + (e.key === 'ArrowDown' ? 1 : -1))));
    else if (e.key === 'Enter' && hits[cursor]) pick(hits[cursor].code);
    else return;
    e.preventDefault();
  };
  if (!open) {
    return (
      <span className={`bd-code-picker${located ? ' is-located' : ''}`} data-located={located || undefined}>
        <span data-testid="project-function-code">{value || '（未选择）'}</span>{' '}
        {name ? <span className="bd-muted">{name}</span> : name === '' && <span className="bd-error-text">不在本年度科目表中</span>}
        {!readOnly && <button className="bd-link" onClick={() => setOpen(true)}>选择科目…</button>}
      </span>
    );
  }
  return (
    <span className="bd-code-picker is-open">
      <input
        className="bd-input"
        aria-label="科目搜索"
        role="combobox"
        aria-expanded
        aria-activedescendant={hits[cursor] ? `code-option-${hits[cursor].code}` : undefined}
        autoFocus
        value={query}
        placeholder="输入编码或名称，↑↓ 选择，Enter 确定"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul className="bd-picker-list" role="listbox" ref={listRef}>
        {hits.map((h, i) => (
          <li key={h.code} id={`code-option-${h.code}`} role="option" aria-selected={i === cursor} data-cursor={i === cursor} data-code={h.code} onMouseDown={() => pick(h.code)}>
            <code>{h.code}</code> {h.name}
          </li>
        ))}
        {hits.length === 0 && <li className="bd-muted">没有匹配的项级科目</li>}
      </ul>
      <button className="bd-link" onClick={() => setOpen(false)}>取消</button>
    </span>
  );
}
