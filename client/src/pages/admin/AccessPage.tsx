import { A, useParams } from '@solidjs/router';
import { Show, createMemo, createResource } from 'solid-js';
import { documents, users } from '../../api/endpoints.ts';
import type { AccessLevel } from '../../api/types.ts';
import { ErrorBox, WhenLoaded, loadedValue } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { createAction } from '../../lib/form-submit.ts';
import { organisationLabel } from '../../state/directory.ts';
import { AccessList } from './sharing/AccessList.tsx';
import { AccessRequests } from './sharing/AccessRequests.tsx';
import { ShareForm } from './sharing/ShareForm.tsx';
import { accessRows } from './sharing/access-rows.ts';

/**
 * Sharing one document: the form to share (organisation or person, level), the open requests,
 * and who has access. Only the lead organisation and the coordination unit get the overview
 * (who granted what, the requests); others see the grants alone.
 */
export function AccessPage() {
  const params = useParams<{ id: string }>();
  const [document] = createResource(
    () => params.id,
    (id) => documents.get(id),
  );
  const [grants, { refetch: refetchGrants }] = createResource(
    () => params.id,
    (id) => documents.grants(id),
  );
  const [overview, { refetch: refetchOverview }] = createResource(
    () => params.id,
    (id) => documents.accessOverview(id).catch(() => null),
  );
  const refetch = () => Promise.all([refetchGrants(), refetchOverview()]);
  const [people] = createResource(() => users.list().catch(() => []));
  const { run, error } = createAction();
  const rows = createMemo(() =>
    accessRows(loadedValue(grants) ?? [], loadedValue(overview), { person: (id) => people()?.find((u) => u.id === id)?.name ?? null, organisation: organisationLabel }),
  );

  const act = (action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      await refetch();
    });
  const grant = (target: { organisationId: string } | { userId: string }, level: AccessLevel) => act(() => documents.setGrant(params.id, { ...target, level }));

  return (
    <div class="page sharing-page">
      <Show when={!document.error}>
        <p class="breadcrumb">
          <A href={`/documents/${params.id}`} dir="auto">
            {loadedValue(document)?.title ?? t('common.loading')}
          </A>
        </p>
      </Show>
      <h1>{t('access.title')}</h1>
      <p class="muted">{t('access.intro')}</p>
      <ErrorBox error={error() ?? document.error ?? grants.error} />
      {/* A document that does not exist, or that one may not read: the error alone, no form. */}
      <Show when={!document.error}>
        <div class="sharing-layout">
          <div class="sharing-side">
            <ShareForm people={loadedValue(people) ?? []} onGrant={grant} />
            <Show when={overview()}>
              {(current) => <AccessRequests requests={current().requests} onGrant={(request, level) => void grant({ userId: request.person.id }, level)} />}
            </Show>
          </div>
          <WhenLoaded when={grants()} error={grants.error}>
            <AccessList
              leadOrganisationId={overview()?.leadOrganisationId ?? loadedValue(document)?.leadOrganisationId ?? null}
              rows={rows()}
              onLevel={(row, level) => void grant(row.target, level)}
              onRevoke={(row) => void act(() => documents.revokeGrant(params.id, row.id))}
            />
          </WhenLoaded>
        </div>
      </Show>
    </div>
  );
}
