import { A } from '@solidjs/router';
import { For, Match, Show, Switch, createMemo, createResource, createSignal } from 'solid-js';
import { ApiError } from '../../api/client.ts';
import { slackSubscriptions, type SlackSubscription, type SlackSubscriptionObject } from '../../api/slack-subscriptions.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback.tsx';
import { INTL, formatDate, isolate, locale, t, type MessageKey } from '../../i18n/index.ts';
import { SUBSCRIPTION_EVENTS, channelLabel, filterSubscriptions, followsEverything, isKnownPauseReason, type SubscriptionFilters } from '../../lib/slack-subscriptions.ts';

const OBJECT_TYPES: SlackSubscriptionObject[] = ['document', 'organisation', 'commission'];
const NO_FILTERS: SubscriptionFilters = { text: '', follows: '', state: '' };

const objectLabel = (subscription: SlackSubscription) => subscription.object.name ?? t('slackSubs.objectGone');
const eventsLabel = (events: readonly string[]) =>
  followsEverything(events)
    ? t('slackSubs.allEvents')
    : new Intl.ListFormat(INTL[locale()], { type: 'conjunction' }).format(
        SUBSCRIPTION_EVENTS.filter((event) => events.includes(event)).map((event) => t(`slackSubs.event.${event}`)),
      );
const pauseReason = (reason: string | null) => (isKnownPauseReason(reason) ? t(`slackSubs.reason.${reason}` as MessageKey) : t('slackSubs.reason.other', { code: reason ?? '—' }));

/**
 * Every Slack channel subscription of every linked workspace, for administrators: what each
 * channel follows, in which language, since when and for whom, whether Slack still takes its
 * posts; narrowed by words, kind and state; each can be paused, resumed (after the bot was
 * invited back, say) or removed (after a confirmation).
 */
export function SlackSubscriptionsPage() {
  const [list, { refetch, mutate }] = createResource(() => slackSubscriptions.list());
  const [filters, setFilters] = createSignal<SubscriptionFilters>(NO_FILTERS);
  const [removing, setRemoving] = createSignal<SlackSubscription | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [removeError, setRemoveError] = createSignal<unknown>();
  const [announcement, setAnnouncement] = createSignal('');
  let search!: HTMLInputElement;

  // Reading a failed resource throws: the error is shown instead.
  const loaded = () => (list.error ? undefined : list.latest);
  const all = () => loaded()?.subscriptions ?? [];
  const shown = createMemo(() => filterSubscriptions(all(), filters()));
  const change = (patch: Partial<SubscriptionFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const filtered = () => filters().text.trim() !== '' || filters().follows !== '' || filters().state !== '';

  const [changing, setChanging] = createSignal<string | null>(null);
  const [changeError, setChangeError] = createSignal<unknown>();
  const replace = (id: string, patch: Partial<SlackSubscription> | null) =>
    mutate(
      (current) =>
        current && {
          subscriptions: patch ? current.subscriptions.map((row) => (row.id === id ? { ...row, ...patch } : row)) : current.subscriptions.filter((row) => row.id !== id),
          total: patch ? current.total : Math.max(0, current.total - 1),
        },
    );
  /** Pauses or resumes one subscription (one change at a time); the row is drawn anew, so its button takes the focus back. */
  const togglePause = async (subscription: SlackSubscription) => {
    if (changing()) return;
    setChanging(subscription.id);
    setChangeError(undefined);
    const names = { channel: isolate(channelLabel(subscription)), object: isolate(objectLabel(subscription)) };
    try {
      if (subscription.paused) {
        await slackSubscriptions.resume(subscription.id);
        replace(subscription.id, { paused: false, pausedAt: null, pausedReason: null });
        setAnnouncement(t('slackSubs.resumedNow', names));
      } else {
        await slackSubscriptions.pause(subscription.id);
        replace(subscription.id, { paused: true, pausedAt: new Date().toISOString(), pausedReason: 'admin' });
        setAnnouncement(t('slackSubs.pausedNow', names));
      }
      queueMicrotask(() => document.querySelector<HTMLElement>(`[data-pause="${subscription.id}"]`)?.focus());
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) {
        replace(subscription.id, null);
        setAnnouncement(t('slackSubs.alreadyRemoved'));
        queueMicrotask(() => search.focus());
      } else {
        setChangeError(failure);
      }
    } finally {
      setChanging(null);
    }
  };

  const askToRemove = (subscription: SlackSubscription) => {
    setRemoveError(undefined);
    setRemoving(subscription);
  };
  const remove = async () => {
    const target = removing();
    if (!target || busy()) return;
    setBusy(true);
    setRemoveError(undefined);
    const rows = shown();
    const at = rows.findIndex((row) => row.id === target.id);
    const focusNext = rows[at + 1] ?? rows[at - 1];
    const names = { channel: isolate(channelLabel(target)), object: isolate(objectLabel(target)) };
    try {
      await slackSubscriptions.remove(target.id);
      setAnnouncement(t('slackSubs.removed', names));
    } catch (failure) {
      // Someone else removed it meanwhile: the list catches up, nothing to retry.
      if (!(failure instanceof ApiError && failure.status === 404)) {
        setRemoveError(failure);
        setBusy(false);
        return;
      }
      setAnnouncement(t('slackSubs.alreadyRemoved'));
    }
    replace(target.id, null);
    setBusy(false);
    setRemoving(null);
    // The row and its button are gone: the focus goes to the next row's button (or the one
    // before), or to the search field when the list is empty, never to the page.
    queueMicrotask(() => {
      const next = focusNext && document.querySelector<HTMLElement>(`[data-remove="${focusNext.id}"]`);
      (next ?? search).focus();
    });
  };

  return (
    <div class="page slack-subscriptions-page">
      <div class="page-heading">
        <h1>{t('slackSubs.title')}</h1>
      </div>
      <p class="muted">{t('slackSubs.intro')}</p>
      <search class="filters" aria-label={t('slackSubs.filters')}>
        <div class="field grow">
          <label for="slack-subs-search">{t('slackSubs.search')}</label>
          <input
            ref={search}
            id="slack-subs-search"
            type="search"
            dir="auto"
            placeholder={t('slackSubs.searchPlaceholder')}
            value={filters().text}
            onInput={(event) => change({ text: event.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="slack-subs-follows">{t('slackSubs.follows')}</label>
          <select id="slack-subs-follows" value={filters().follows} onChange={(event) => change({ follows: event.currentTarget.value as SubscriptionFilters['follows'] })}>
            <option value="">{t('slackSubs.followsAny')}</option>
            <For each={OBJECT_TYPES}>{(type) => <option value={type}>{t(`slackSubs.objects.${type}`)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="slack-subs-state">{t('slackSubs.state')}</label>
          <select id="slack-subs-state" value={filters().state} onChange={(event) => change({ state: event.currentTarget.value as SubscriptionFilters['state'] })}>
            <option value="">{t('slackSubs.stateAny')}</option>
            <option value="active">{t('slackSubs.active')}</option>
            <option value="paused">{t('slackSubs.paused')}</option>
          </select>
        </div>
        <button type="button" class="button subtle" disabled={!filtered()} onClick={() => setFilters(NO_FILTERS)}>
          {t('slackSubs.reset')}
        </button>
      </search>
      {/* <output> is a polite live region: what was done is read out, and stays written. */}
      <output class="notice-slot">
        <Show when={announcement()}>
          <p class="notice success" data-testid="slack-subs-announcement">
            {announcement()}
          </p>
        </Show>
      </output>
      <ErrorBox error={list.error} onRetry={() => void refetch()} />
      <ErrorBox error={changeError()} />
      <Switch>
        <Match when={list.loading && !loaded()}>
          <Loading />
        </Match>
        <Match when={loaded() && all().length === 0}>
          <EmptyState title={t('slackSubs.emptyTitle')}>
            <p class="muted">{t('slackSubs.emptyBody')}</p>
          </EmptyState>
        </Match>
        <Match when={loaded()}>
          {(current) => (
            <>
              <p class="muted small" data-testid="slack-subs-count">
                {t('slackSubs.count', { shown: shown().length, total: current().total })}
                <Show when={current().total > current().subscriptions.length}> {t('slackSubs.truncated', { shown: current().subscriptions.length, total: current().total })}</Show>
              </p>
              <Show when={shown().length > 0} fallback={<EmptyState title={t('slackSubs.noMatch')} />}>
                <DataTable
                  class="slack-subs-table"
                  columns={[
                    t('slackSubs.channel'),
                    t('slackSubs.team'),
                    t('slackSubs.follows'),
                    t('slackSubs.events'),
                    t('slackSubs.language'),
                    t('slackSubs.by'),
                    t('slackSubs.since'),
                    t('slackSubs.state'),
                  ]}
                  actionsLabel={t('common.actions')}
                  rows={shown()}>
                  {(subscription) => <SubscriptionRow subscription={subscription} onTogglePause={(row) => void togglePause(row)} onRemove={askToRemove} />}
                </DataTable>
              </Show>
            </>
          )}
        </Match>
      </Switch>
      <Show when={removing()}>
        {(target) => (
          <ConfirmDialog
            title={t('slackSubs.confirmTitle')}
            confirmLabel={t('slackSubs.remove')}
            tone="warning"
            busy={busy()}
            testId="slack-subs-confirm"
            onConfirm={() => void remove()}
            onCancel={() => setRemoving(null)}>
            <p>{t('slackSubs.confirmBody', { channel: isolate(channelLabel(target())), object: isolate(objectLabel(target())) })}</p>
            <ErrorBox error={removeError()} />
          </ConfirmDialog>
        )}
      </Show>
    </div>
  );
}

function SubscriptionRow(props: {
  subscription: SlackSubscription;
  onTogglePause: (subscription: SlackSubscription) => void;
  onRemove: (subscription: SlackSubscription) => void;
}) {
  const subscription = () => props.subscription;
  const names = () => ({ channel: channelLabel(subscription()), object: objectLabel(subscription()) });
  return (
    <tr classList={{ paused: subscription().paused }} data-testid="slack-subscription">
      <th scope="row" data-label={t('slackSubs.channel')}>
        <Show when={subscription().channelName} fallback={<span class="muted">{t('slackSubs.channelUnnamed')}</span>}>
          {(name) => (
            <span class="slack-channel" dir="auto">
              #{name()}
            </span>
          )}
        </Show>
        <div>
          <code class="muted small" dir="ltr">
            {subscription().channelId}
          </code>
        </div>
      </th>
      <td data-label={t('slackSubs.team')}>
        <code dir="ltr">{subscription().teamId}</code>
      </td>
      <td data-label={t('slackSubs.follows')}>
        <span class="badge">{t(`slackSubs.object.${subscription().object.type}`)}</span>{' '}
        <Show when={subscription().object.name} fallback={<span class="muted">{t('slackSubs.objectGone')}</span>}>
          {(name) =>
            subscription().object.type === 'document' ? (
              <A href={`/documents/${subscription().object.id}`} dir="auto">
                {name()}
              </A>
            ) : (
              <span dir="auto">{name()}</span>
            )
          }
        </Show>
      </td>
      <td data-label={t('slackSubs.events')}>{eventsLabel(subscription().events)}</td>
      <td data-label={t('slackSubs.language')}>{t(`locale.${subscription().locale}`)}</td>
      <td data-label={t('slackSubs.by')}>
        <Show when={subscription().createdBy} fallback={<span class="muted">{t('slackSubs.byGone')}</span>}>
          {(name) => <span dir="auto">{name()}</span>}
        </Show>
      </td>
      <td data-label={t('slackSubs.since')} class="nowrap">
        {formatDate(subscription().createdAt)}
      </td>
      <td data-label={t('slackSubs.state')}>
        <Show when={subscription().paused} fallback={<span class="badge subscription-active">{t('slackSubs.active')}</span>}>
          <span class="badge subscription-paused">{t('slackSubs.paused')}</span>
          <div class="small">{pauseReason(subscription().pausedReason)}</div>
          <Show when={subscription().pausedAt}>{(at) => <div class="muted small">{t('slackSubs.pausedSince', { date: formatDate(at()) })}</div>}</Show>
        </Show>
      </td>
      <td class="actions-cell">
        <button
          type="button"
          class="button small"
          data-pause={subscription().id}
          aria-label={t(subscription().paused ? 'slackSubs.resumeLabel' : 'slackSubs.pauseLabel', names())}
          onClick={() => props.onTogglePause(subscription())}>
          {subscription().paused ? t('slackSubs.resume') : t('slackSubs.pause')}
        </button>
        <button
          type="button"
          class="button small subtle"
          data-remove={subscription().id}
          aria-label={t('slackSubs.removeLabel', names())}
          onClick={() => props.onRemove(subscription())}>
          {t('slackSubs.remove')}
        </button>
      </td>
    </tr>
  );
}
