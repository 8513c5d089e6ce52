import { useNavigate } from '@solidjs/router';
import { For, Show, createSignal } from 'solid-js';
import { upload } from '../../api/client.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../api/types.ts';
import type { WordImportResult } from '../../../../shared/api/files.ts';
import type { WordImportRequest } from '../../../../shared/api/schemas/files.ts';
import { ErrorBox, Notice } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { leaveMeasuresFile } from '../document/files/pending-measures.ts';

type ImportAnswer = WordImportResult;

const noteText = (note: string) =>
  note.startsWith('images_dropped:') ? t('files.note.images', { count: note.split(':')[1] ?? '?' }) : note === 'macros_ignored' ? t('files.note.macros') : note;

/** "New document from a Word file": the server reads the file and writes the new document. */
export function WordImportForm(props: { onClose: () => void }) {
  const navigate = useNavigate();
  const [file, setFile] = createSignal<File | null>(null);
  const [kind, setKind] = createSignal<DocumentKind | ''>('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [result, setResult] = createSignal<ImportAnswer | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = file();
    if (!chosen) return;
    const chosenKind = kind();
    setBusy(true);
    setError(undefined);
    try {
      // Measures tables go through the same preview as a spreadsheet, on the new document's page.
      const answer = await upload<ImportAnswer>('/api/documents/import', chosen, { measures: 'preview', ...(chosenKind ? { kind: chosenKind } : {}) } satisfies WordImportRequest);
      if (answer.import.pendingMeasures > 0) {
        leaveMeasuresFile(answer.document.id, chosen);
        navigate(`/documents/${answer.document.id}`);
        return;
      }
      const notes = [
        ...answer.import.notes.map(noteText),
        ...(answer.import.rejectedRows.length > 0 ? [t('files.rejectedRows', { count: answer.import.rejectedRows.length })] : []),
      ];
      if (notes.length === 0) navigate(`/documents/${answer.document.id}`);
      else setResult(answer);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel word-import" onSubmit={submit} aria-labelledby="word-import-heading">
      <h2 id="word-import-heading">{t('files.newFromWord')}</h2>
      <label class="field">
        <span>{t('files.wordFile')}</span>
        <input
          type="file"
          name="file"
          required
          accept=".docx,.docm,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
        />
      </label>
      <label class="field">
        <span>{t('files.kindOptional')}</span>
        <select value={kind()} onChange={(event) => setKind(event.currentTarget.value as DocumentKind | '')}>
          <option value="">{t('files.kindAuto')}</option>
          <For each={DOCUMENT_KINDS}>{(value) => <option value={value}>{t(`kind.${value}`)}</option>}</For>
        </select>
      </label>
      <ErrorBox error={error()} />
      <Show when={result()}>
        {(answer) => (
          <Notice kind="info">
            {t('files.wordNotes', {
              notes: [
                ...answer().import.notes.map(noteText),
                ...(answer().import.rejectedRows.length > 0 ? [t('files.rejectedRows', { count: answer().import.rejectedRows.length })] : []),
              ].join(' · '),
            })}{' '}
            <a href={`/documents/${answer().document.id}`}>{answer().document.title}</a>
          </Notice>
        )}
      </Show>
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy() || !file()}>
          {busy() ? t('files.importing') : t('files.importWord')}
        </button>
        <button type="button" class="button subtle" onClick={() => props.onClose()}>
          {t('files.close')}
        </button>
      </div>
    </form>
  );
}
