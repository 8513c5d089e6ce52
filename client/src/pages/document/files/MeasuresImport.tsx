import { For, Show, createSignal, onMount } from 'solid-js';
import { upload } from '../../../api/client.ts';
import { ErrorBox, Notice } from '../../../components/Feedback.tsx';
import { OrganisationSelect } from '../../../components/OrganisationPicker.tsx';
import { t, type MessageKey } from '../../../i18n/index.ts';
import { IMPORT_COLUMNS, type ImportColumn, type MeasuresImportPreview, type MeasuresImportResult } from '../../../../../shared/api/files.ts';
import type { ImportFieldsRequest } from '../../../../../shared/api/schemas/files.ts';

type Column = ImportColumn;
const INDICATOR_LABELS = {
  indicatorBaseline: 'indicator.baseline',
  indicatorTarget: 'indicator.target',
  indicatorCurrent: 'indicator.current',
  indicatorUnit: 'indicator.unit',
} as const;
const columnLabel = (column: Column): string => {
  if (column === 'id') return 'Id';
  if (column === 'currency') return t('grid.currency');
  if (column in INDICATOR_LABELS) return `${t('measures.indicator')} : ${t(INDICATOR_LABELS[column as keyof typeof INDICATOR_LABELS])}`;
  return t((column === 'title' ? 'measures.measure' : `measures.${column}`) as MessageKey);
};

type Preview = MeasuresImportPreview;

/**
 * Spreadsheet → measures: the server reads the file and shows what it would do, page by page;
 * columns and unknown organisations can be corrected; nothing is written before "Import".
 */
export function MeasuresImport(props: { documentId: string; initialFile?: File | null; onClose: () => void }) {
  const [file, setFile] = createSignal<File | null>(props.initialFile ?? null);
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const [mapping, setMapping] = createSignal<(Column | null)[] | null>(null);
  const [choices, setChoices] = createSignal<Record<string, string>>({});
  const [page, setPage] = createSignal(1);
  const [onlyInvalid, setOnlyInvalid] = createSignal(false);
  const [skipInvalid, setSkipInvalid] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [done, setDone] = createSignal<MeasuresImportResult | null>(null);
  const [busy, setBusy] = createSignal(false);

  const fields = () => ({
    ...(mapping() ? { mapping: JSON.stringify(mapping()) } : {}),
    organisationChoices: JSON.stringify(choices()),
  });
  const load = async (nextPage = page()) => {
    const chosen = file();
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await upload<Preview>(`/api/documents/${props.documentId}/measures/import/preview`, chosen, {
        ...fields(),
        page: String(nextPage),
        pageSize: '50',
        onlyInvalid: onlyInvalid() ? 'true' : 'false',
      } satisfies ImportFieldsRequest);
      setPreview(result);
      setMapping(result.mapping);
      setPage(nextPage);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    const chosen = file();
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    try {
      setDone(
        await upload<MeasuresImportResult>(`/api/documents/${props.documentId}/measures/import`, chosen, {
          ...fields(),
          skipInvalid: skipInvalid() ? 'true' : 'false',
        } satisfies ImportFieldsRequest),
      );
      setPreview(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (props.initialFile) onMount(() => void load(1));

  return (
    <section class="panel measures-import" aria-labelledby="measures-import-heading">
      <h2 id="measures-import-heading">{props.initialFile ? t('files.wordMeasuresTitle') : t('files.importMeasuresTitle')}</h2>
      <Show when={props.initialFile}>{(word) => <p dir="auto">{t('files.wordMeasuresIntro', { name: word().name })}</p>}</Show>
      <Show when={!props.initialFile}>
        <label class="field">
          <span>{t('files.chooseFile')}</span>
          <input
            type="file"
            accept=".xlsx,.csv,.docx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setMapping(null);
              setChoices({});
              setDone(null);
              void load(1);
            }}
          />
        </label>
      </Show>
      <ErrorBox error={error()} />
      <Show when={done()}>{(result) => <Notice kind="success">{t('files.imported', result())}</Notice>}</Show>
      <Show when={preview()}>
        {(current) => (
          <>
            <p aria-live="polite">{t('files.previewSummary', { total: current().total, creates: current().creates, updates: current().updates, invalid: current().invalid })}</p>
            <div class="import-mapping">
              <For each={current().header}>
                {(header, index) => (
                  <label class="field inline">
                    <span dir="auto">{t('files.column', { header })}</span>
                    <select
                      value={mapping()?.[index()] ?? ''}
                      onChange={(event) => {
                        const next = [...(mapping() ?? current().mapping)];
                        next[index()] = (event.currentTarget.value || null) as Column | null;
                        setMapping(next);
                        void load(1);
                      }}>
                      <option value="">{t('files.column.ignore')}</option>
                      <For each={IMPORT_COLUMNS}>{(column) => <option value={column}>{columnLabel(column)}</option>}</For>
                    </select>
                  </label>
                )}
              </For>
            </div>
            <For each={current().unknownOrganisations}>
              {(name) => (
                <label class="field inline">
                  <span dir="auto">{t('files.unknownOrganisation', { name })}</span>
                  <OrganisationSelect
                    value={choices()[name] ?? null}
                    onChange={(id) => {
                      setChoices({ ...choices(), ...(id ? { [name]: id } : {}) });
                      void load(1);
                    }}
                  />
                </label>
              )}
            </For>
            <label class="field inline">
              <input
                type="checkbox"
                checked={onlyInvalid()}
                onChange={(event) => {
                  setOnlyInvalid(event.currentTarget.checked);
                  void load(1);
                }}
              />{' '}
              {t('files.onlyInvalid')}
            </label>
            <table class="data-table">
              <thead>
                <tr>
                  <th>{t('files.line')}</th>
                  <th>{t('measures.measure')}</th>
                  <th>{t('files.problems')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={current().rows}>
                  {(row) => (
                    <tr classList={{ invalid: row.errors.length > 0 }}>
                      <td>{row.line}</td>
                      <td dir="auto">{row.measure?.title ?? ''}</td>
                      <td dir="auto">
                        {row.errors.map((problem) => `${columnLabel(problem.column)}: ${t(`files.problem.${problem.code}` as MessageKey)} (${problem.value})`).join(' · ')}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <div class="pager">
              <button type="button" class="button subtle" disabled={busy() || page() <= 1} onClick={() => void load(page() - 1)}>
                {t('files.previous')}
              </button>
              <span>{t('files.page', { page: current().page, pages: current().pages })}</span>
              <button type="button" class="button subtle" disabled={busy() || page() >= current().pages} onClick={() => void load(page() + 1)}>
                {t('files.next')}
              </button>
            </div>
            <Show when={current().invalid > 0}>
              <label class="field inline">
                <input type="checkbox" checked={skipInvalid()} onChange={(event) => setSkipInvalid(event.currentTarget.checked)} /> {t('files.skipInvalid')}
              </label>
            </Show>
            <button type="button" class="button primary" disabled={busy() || (current().invalid > 0 && !skipInvalid())} onClick={() => void confirm()}>
              {t('files.confirm')}
            </button>
          </>
        )}
      </Show>
      <button type="button" class="button subtle" onClick={() => props.onClose()}>
        {t('files.close')}
      </button>
    </section>
  );
}
