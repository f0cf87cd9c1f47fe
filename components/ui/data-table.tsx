import { cn } from "@/lib/cn";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => React.ReactNode;
  className?: string;
}

/**
 * A table on wide screens; below `md` every row becomes a card of "header: value" lines, so nothing
 * scrolls sideways on a phone. One markup for both (no duplicated content for tests or readers).
 */
export function DataTable<Row>({ rows, columns, rowKey, caption }: {
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string | number;
  caption: string;
}) {
  return (
    <div className="md:overflow-x-auto">
      <table className="block min-w-full text-sm md:table md:divide-y md:divide-slate-200 md:dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden bg-slate-50 md:table-header-group dark:bg-slate-900/60">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className="px-5 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-100 md:table-row-group dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="block px-5 py-3 md:table-row md:p-0 md:hover:bg-slate-50 md:dark:hover:bg-slate-800/50">
              {columns.map((column) => (
                <td
                  key={column.header}
                  className={cn(
                    "flex items-start justify-between gap-4 py-1 md:table-cell",
                    column.className ?? "text-slate-700 md:whitespace-nowrap md:px-5 md:py-3 dark:text-slate-300",
                  )}
                >
                  {column.header ? (
                    <span aria-hidden className="shrink-0 text-xs font-medium uppercase tracking-wide text-slate-600 md:hidden dark:text-slate-400">
                      {column.header}
                    </span>
                  ) : null}
                  <div className="min-w-0 text-right md:text-left">{column.cell(row)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
