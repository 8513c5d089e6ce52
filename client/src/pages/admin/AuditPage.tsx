import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { audit, documents, users, type AuditFilters } from '../../api/endpoints.ts';
import { AUDIT_ACTIONS, type AuditEntry } from '../../api/types.ts';
import { ErrorBox, WhenLoaded } from '../../components/Feedback.tsx';
import { OrganisationSelect } from '../../components/OrganisationPicker.tsx';
import { formatDateTime, locale, t, type MessageKey } from '../../i18n/index.ts';

/** A code of the audit log in the reader's language; a code this client does not know yet shows as itself. */
const auditName = (kind: 'auditAction' | 'auditObject', code: string): string => {
  const name = t(`${kind}.${code}` as MessageKey);
  return name === undefined ? code : name;
};
const auditActionName = (action: string) => auditName('auditAction', action);

/**
 * The audit log for administrators: filters, pages of 50 newest first, and the CSV export of the
 * same filtered set. Pages go by cursor, so the previous pages' cursors are kept in a stack.
 */
export function AuditPage() {
  const [filters, setFilters] = createSignal<AuditFilters>({});
  const [cursors, setCursors] = createSignal<(string | undefined)[]>([undefined]);
  const [people] = createResource(() => users.list());
  const [docs] = createResource(() => documents.list({}).then((r) => r.documents));
  const request = createMemo(() => ({ filters: filters(), before: cursors().at(-1) }));
  const [page] = createResource(request, ({ filters, before }) => audit.page(filters, before));

  const change = (patch: Partial<AuditFilters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    setCursors([undefined]);
  };
  const next = () => {
    const cursor = page()?.nextCursor;
    if (cursor) setCursors((stack) => [...stack, cursor]);
  };
  const previous = () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack));

  return (
    <div class="page audit-page">
      <div class="page-heading">
        <h1>{t('audit.title')}</h1>
        <a class="button" href={audit.csvUrl(filters())} download="">
          {t('audit.export')}
        </a>
      </div>
      <p class="muted">{t('audit.intro')}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: a search form as HTML has long written it; the <search> element is too recent for the browsers ministries keep */}
      <form class="filters" role="search" aria-label={t('audit.title')} onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="audit-actor">{t('audit.actor')}</label>
          <select id="audit-actor" value={filters().actor ?? ''} onChange={(e) => change({ actor: e.currentTarget.value || undefined })}>
            <option value="">{t('audit.all')}</option>
            <For each={people() ?? []}>{(person) => <option value={person.id}>{person.name}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="audit-organisation">{t('audit.organisation')}</label>
          <OrganisationSelect
            id="audit-organisation"
            value={filters().organisation ?? ''}
            emptyLabel={t('audit.all')}
            onChange={(id) => change({ organisation: id ?? undefined })}
          />
        </div>
        <div class="field">
          <label for="audit-document">{t('audit.document')}</label>
          <select id="audit-document" value={filters().document ?? ''} onChange={(e) => change({ document: e.currentTarget.value || undefined })}>
            <option value="">{t('audit.all')}</option>
            <For each={docs() ?? []}>{(doc) => <option value={doc.id}>{doc.title}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="audit-action">{t('audit.action')}</label>
          <select id="audit-action" value={filters().action ?? ''} onChange={(e) => change({ action: (e.currentTarget.value || undefined) as AuditFilters['action'] })}>
            <option value="">{t('audit.all')}</option>
            <For each={AUDIT_ACTIONS}>{(action) => <option value={action}>{auditActionName(action)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="date" value={filters().from ?? ''} max={filters().to} onChange={(e) => change({ from: e.currentTarget.value || undefined })} />
        </div>
        <div class="field">
          <label for="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="date" value={filters().to ?? ''} min={filters().from} onChange={(e) => change({ to: e.currentTarget.value || undefined })} />
        </div>
        <button
          type="button"
          class="button subtle"
          onClick={() => change({ actor: undefined, organisation: undefined, document: undefined, action: undefined, from: undefined, to: undefined })}>
          {t('audit.reset')}
        </button>
      </form>
      <ErrorBox error={page.error} />
      <WhenLoaded when={page.latest} error={page.error}>
        {(current) => (
          <>
            <Show when={current().entries.length > 0} fallback={<p class="muted">{t('audit.empty')}</p>}>
              <div class="table-scroll">
                <table class="data-table audit-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('audit.when')}</th>
                      <th scope="col">{t('audit.actor')}</th>
                      <th scope="col">{t('audit.action')}</th>
                      <th scope="col">{t('audit.object')}</th>
                      <th scope="col">{t('audit.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={current().entries}>{(entry) => <AuditRow entry={entry} />}</For>
                  </tbody>
                </table>
              </div>
            </Show>
            <nav class="pager" aria-label={t('audit.pages')}>
              <button type="button" class="button small" disabled={cursors().length < 2} onClick={previous}>
                {t('audit.previous')}
              </button>
              <span aria-live="polite">{t('audit.page', { page: cursors().length })}</span>
              <button type="button" class="button small" disabled={!current().nextCursor} onClick={next}>
                {t('audit.next')}
              </button>
            </nav>
          </>
        )}
      </WhenLoaded>
    </div>
  );
}

function AuditRow(props: { entry: AuditEntry }) {
  const details = () => {
    const text = JSON.stringify(props.entry.details);
    return text === '{}' ? '' : text;
  };
  return (
    <tr>
      <td class="nowrap">{formatDateTime(props.entry.at)}</td>
      <td>
        <Show when={props.entry.actor} fallback={<span class="muted">{t('audit.system')}</span>}>
          {(actor) => <span dir="auto">{actor().name}</span>}
        </Show>
        <Show when={props.entry.organisation}>{(organisation) => <div class="muted small">{organisation().names[locale()]}</div>}</Show>
      </td>
      <td>
        <span title={props.entry.action}>{auditActionName(props.entry.action)}</span>
      </td>
      <td>
        <Show when={props.entry.object}>
          {(object) => (
            <Show when={object().title} fallback={<span title={object().type}>{auditName('auditObject', object().type)}</span>}>
              {(title) =>
                object().type === 'document' ? (
                  <a href={`/documents/${object().id}`} dir="auto">
                    {title()}
                  </a>
                ) : (
                  <span dir="auto">{title()}</span>
                )
              }
            </Show>
          )}
        </Show>
      </td>
      <td class="audit-details">
        <Show when={details()}>{(text) => <code dir="ltr">{text()}</code>}</Show>
        <Show when={props.entry.ip}>
          {(ip) => (
            <div class="muted small" dir="ltr">
              {ip()}
            </div>
          )}
        </Show>
      </td>
    </tr>
  );
}
