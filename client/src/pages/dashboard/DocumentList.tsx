import { A } from '@solidjs/router';
import { For } from 'solid-js';
import type { TansiqDocument } from '../../api/types.ts';
import { DocumentStatusBadge } from '../../components/Badges.tsx';
import { formatDate, t } from '../../i18n/index.ts';
import { organisationLabel } from '../../state/directory.ts';

export function DocumentList(props: { documents: TansiqDocument[] }) {
  return (
    <div class="table-scroll">
      <table class="data-table documents-table">
        <thead>
          <tr>
            <th scope="col">{t('documents.titleColumn')}</th>
            <th scope="col">{t('documents.kind')}</th>
            <th scope="col">{t('documents.status')}</th>
            <th scope="col">{t('documents.lead')}</th>
            <th scope="col">{t('documents.updated')}</th>
            <th scope="col">{t('documents.access')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.documents}>
            {(document) => (
              <tr>
                <td>
                  <A href={`/documents/${document.id}`} dir="auto" class="strong-link">{document.title}</A>
                </td>
                <td>{t(`kind.${document.kind}`)}</td>
                <td><DocumentStatusBadge status={document.status} /></td>
                <td>{organisationLabel(document.leadOrganisationId)}</td>
                <td class="nowrap">{formatDate(document.lastEditedAt ?? document.updatedAt)}</td>
                <td>{t(`access.${document.access}`)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
