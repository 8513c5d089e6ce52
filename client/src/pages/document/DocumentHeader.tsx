import { A } from '@solidjs/router';
import { For, Show, createSignal } from 'solid-js';
import type { TansiqDocument } from '../../api/types.ts';
import { DocumentStatusBadge } from '../../components/Badges.tsx';
import { formatDateTime, formatNumber, organisationName, t } from '../../i18n/index.ts';
import { organisationById, organisationLabel } from '../../state/directory.ts';
import { isAdmin, session } from '../../state/session.ts';
import { ExportMenu } from './files/ExportMenu.tsx';
import { MeasuresImport } from './files/MeasuresImport.tsx';
import { takeMeasuresFile } from './files/pending-measures.ts';
import { MetadataForm } from './MetadataForm.tsx';
import { WorkflowActions } from './WorkflowActions.tsx';

/** Title, kind, status and the facts about a document; editable by those who may edit it. */
export function DocumentHeader(props: { document: TansiqDocument; onChange: (document: TansiqDocument) => void; compact?: boolean }) {
  const [editing, setEditing] = createSignal(false);
  // A document just made from a Word file opens on the preview of that file's measures.
  const wordMeasures = takeMeasuresFile(props.document.id);
  const [importing, setImporting] = createSignal(wordMeasures !== null);
  const canEdit = () => props.document.access === 'edit' && !props.document.archived;
  const canManage = () => isAdmin() || session()?.organisation.id === props.document.leadOrganisationId;
  return (
    <header class="document-header" classList={{ compact: props.compact }}>
      <p class="breadcrumb" hidden={props.compact}>
        <A href="/">{t('nav.dashboard')}</A> <span aria-hidden="true">›</span> {t(`kind.${props.document.kind}`)}
      </p>
      <div class="title-row">
        {props.compact ? <h2 dir="auto">{props.document.title}</h2> : <h1 dir="auto">{props.document.title}</h1>}
        <DocumentStatusBadge status={props.document.status} />
      </div>
      <Show when={props.document.status === 'returned' && props.document.returnReason}>
        <p class="notice warning">
          <strong>{t('workflow.returnedBecause')}</strong> <span dir="auto">{props.document.returnReason}</span>
        </p>
      </Show>
      <Show
        when={editing() || props.compact}
        fallback={
          <dl class="facts">
            <div>
              <dt>{t('documents.lead')}</dt>
              <dd>{organisationLabel(props.document.leadOrganisationId)}</dd>
            </div>
            <div>
              <dt>{t('documents.partners')}</dt>
              <dd>
                <Show when={props.document.partnerOrganisationIds.length > 0} fallback="—">
                  <ul class="inline-list">
                    <For each={props.document.partnerOrganisationIds}>{(id) => <li>{organisationName(organisationById(id))}</li>}</For>
                  </ul>
                </Show>
              </dd>
            </div>
            <Show when={props.document.kind === 'cooperation_proposal'}>
              <div>
                <dt>{t('documents.framework')}</dt>
                <dd>{props.document.framework ? t(`framework.${props.document.framework}`) : '—'}</dd>
              </div>
            </Show>
            <div>
              <dt>{t('documents.updated')}</dt>
              <dd>{formatDateTime(props.document.lastEditedAt ?? props.document.updatedAt)}</dd>
            </div>
            <div>
              <dt>{t('documents.words')}</dt>
              <dd>{formatNumber(props.document.wordCount)}</dd>
            </div>
            <div>
              <dt>{t('documents.yourAccess')}</dt>
              <dd>{t(`access.${props.document.access}`)}</dd>
            </div>
          </dl>
        }>
        <Show when={editing()}>
          <MetadataForm
            document={props.document}
            onSaved={(saved) => {
              props.onChange(saved);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        </Show>
      </Show>
      <div class="header-actions">
        <Show when={canEdit() && !editing()}>
          <button type="button" class="button" onClick={() => setEditing(true)}>
            {t('document.editDetails')}
          </button>
        </Show>
        <Show when={canManage()}>
          <A class="button" href={`/documents/${props.document.id}/access`}>
            {t('document.manageAccess')}
          </A>
        </Show>
        {/* In a session the status follows the chair's confirmed decisions; status buttons there sat
            beside "Clore la séance" and invited mis-clicks, so they stay on the document's own page. */}
        <Show when={!props.compact}>
          <WorkflowActions document={props.document} onChange={props.onChange} />
        </Show>
        <ExportMenu document={props.document} canImport={canEdit()} onImportMeasures={() => setImporting(true)} />
      </div>
      <Show when={importing()}>
        <MeasuresImport documentId={props.document.id} initialFile={wordMeasures} onClose={() => setImporting(false)} />
      </Show>
    </header>
  );
}
