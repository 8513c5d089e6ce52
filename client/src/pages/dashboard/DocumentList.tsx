import { A } from '@solidjs/router';
import type { TansiqDocument } from '../../api/types.ts';
import { DocumentStatusBadge } from '../../components/Badges.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDate, t } from '../../i18n/index.ts';
import { organisationLabel } from '../../state/directory.ts';

export function DocumentList(props: { documents: TansiqDocument[] }) {
  return (
    <DataTable
      class="documents-table phone-cards"
      columns={[t('documents.titleColumn'), t('documents.kind'), t('documents.status'), t('documents.lead'), t('documents.updated'), t('documents.access')]}
      rows={props.documents}>
      {(document) => (
        <tr>
          <td>
            <A href={`/documents/${document.id}`} dir="auto" class="strong-link">
              {document.title}
            </A>
          </td>
          <td data-label={t('documents.kind')}>{t(`kind.${document.kind}`)}</td>
          <td data-label={t('documents.status')}>
            <DocumentStatusBadge status={document.status} />
          </td>
          <td data-label={t('documents.lead')}>{organisationLabel(document.leadOrganisationId)}</td>
          <td class="nowrap" data-label={t('documents.updated')}>
            {formatDate(document.lastEditedAt ?? document.updatedAt)}
          </td>
          <td data-label={t('documents.access')}>{t(`access.${document.access}`)}</td>
        </tr>
      )}
    </DataTable>
  );
}
