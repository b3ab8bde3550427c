import type { HTMLAttributes, ReactNode } from 'react';

/** One column of a preview table: its heading, how a row shows in it, figures right-aligned. */
export interface PreviewColumn<T> {
  head?: string;
  num?: boolean;
  cell: (row: T) => ReactNode;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

/** The plain tables of the import preview (differences, column mapping, 上年数): a heading row when any column has one. */
export function PreviewTable<T>(props: { columns: Array<PreviewColumn<T>>; rows: T[]; rowKey: (row: T) => string; rowAttributes?: (row: T) => RowAttributes; className?: string }) {
  const { columns, rows } = props;
  return (
    <table className={props.className ? `bd-excel-table ${props.className}` : 'bd-excel-table'}>
      {columns.some((c) => c.head) && (
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i}>{c.head}</th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map((row) => (
          <tr key={props.rowKey(row)} {...props.rowAttributes?.(row)}>
            {columns.map((c, i) => (
              <td key={i} className={c.num ? 'num' : undefined}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
