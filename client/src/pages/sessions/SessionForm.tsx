import { useNavigate } from '@solidjs/router';
import { For, Show, createResource, createSignal } from 'solid-js';
import { documents } from '../../api/endpoints.ts';
import { sessions } from '../../api/sessions.ts';
import { ErrorBox } from '../../components/Feedback.tsx';
import { locale, t } from '../../i18n/index.ts';
import { zonedIso } from '../../lib/datetime.ts';
import { createFormSubmit } from '../../lib/form-submit.ts';
import { commissionList } from '../../state/commissions.ts';
import { AgendaEditor, type AgendaDraftItem } from './AgendaEditor.tsx';
import { FormActions } from '../../components/FormActions.tsx';

/** A new session of a commission: when, where, and its agenda of documents. Opens it when created. */
export function SessionForm(props: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [available] = createResource(() => documents.list({}).then((r) => r.documents.filter((d) => !d.archived && d.kind !== 'minutes')));
  const [commissionId, setCommissionId] = createSignal(commissionList()[0]?.id ?? '');
  const [title, setTitle] = createSignal('');
  const [when, setWhen] = createSignal('');
  const [location, setLocation] = createSignal('');
  const [items, setItems] = createSignal<AgendaDraftItem[]>([]);
  const { submit, busy, error } = createFormSubmit(async () => {
    const created = await sessions.create({
      commissionId: commissionId(),
      title: title().trim(),
      scheduledAt: zonedIso(when()),
      location: location().trim() || undefined,
      items: items()
        .filter((item) => item.documentId)
        .map((item) => ({ documentId: item.documentId, presenterOrganisationId: item.presenterOrganisationId ?? undefined, title: item.title.trim() || undefined })),
    });
    navigate(`/sessions/${created.id}`);
  });
  return (
    <form class="card form-grid" aria-labelledby="session-form-title" onSubmit={submit}>
      <h2 id="session-form-title">{t('sessions.new')}</h2>
      <Show when={commissionList().length > 0} fallback={<p class="notice warning span-2">{t('sessionForm.noCommission')}</p>}>
        <div class="field">
          <label for="session-commission">{t('sessionForm.commission')}</label>
          <select id="session-commission" required value={commissionId()} onChange={(event) => setCommissionId(event.currentTarget.value)}>
            <For each={commissionList()}>
              {(c) => (
                <option value={c.id} selected={c.id === commissionId()}>
                  {c.names[locale()] || c.names.fr}
                </option>
              )}
            </For>
          </select>
        </div>
      </Show>
      <div class="field">
        <label for="session-title">{t('sessionForm.title')}</label>
        <input id="session-title" dir="auto" required maxLength={300} value={title()} onInput={(event) => setTitle(event.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="session-when">{t('sessionForm.scheduledAt')}</label>
        <input id="session-when" type="datetime-local" required value={when()} onInput={(event) => setWhen(event.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="session-location">{t('sessionForm.location')}</label>
        <input id="session-location" dir="auto" maxLength={300} value={location()} onInput={(event) => setLocation(event.currentTarget.value)} />
      </div>
      <AgendaEditor items={items()} documents={available() ?? []} onChange={setItems} />
      <ErrorBox error={error() ?? available.error} />
      <FormActions submitLabel={t('sessionForm.create')} disabled={busy() || !commissionId()} wide onCancel={() => props.onCancel()} />
    </form>
  );
}
