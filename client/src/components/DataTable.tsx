import { For, Show, type JSX } from 'solid-js';

/**
 * Rows shown as a table that scrolls sideways on a narrow screen rather than squeezing its
 * columns. `columns` are the column headings; `actionsLabel` adds a last column for each row's
 * buttons, whose heading only screen readers read. Each row renders its own `<tr>` (a first cell
 * may be a row heading).
 */
export function DataTable<Row>(props: { class?: string; columns: readonly string[]; actionsLabel?: string; rows: readonly Row[]; children: (row: Row) => JSX.Element }) {
  return (
    <div class="table-scroll">
      <table class={props.class ? `data-table ${props.class}` : 'data-table'}>
        <thead>
          <tr>
            <For each={props.columns}>{(column) => <th scope="col">{column}</th>}</For>
            <Show when={props.actionsLabel}>
              {(label) => (
                <th scope="col">
                  <span class="visually-hidden">{label()}</span>
                </th>
              )}
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>{(row) => props.children(row)}</For>
        </tbody>
      </table>
    </div>
  );
}
