import { useNavigate } from '@solidjs/router';
import { For, Show, createResource, createSignal } from 'solid-js';
import { cycles } from '../../api/cycles.ts';
import { documents } from '../../api/endpoints.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../api/types.ts';
import { ErrorBox } from '../../components/Feedback.tsx';
import { locale, t } from '../../i18n/index.ts';
import { commissionList } from '../../state/commissions.ts';
import { createFormSubmit } from '../../lib/form-submit.ts';
import { parseReminderDays } from '../../lib/reminder-days.ts';
import { FormActions } from '../../components/FormActions.tsx';

/** Opening a cycle: period, the plans it covers (commission, kinds, or a list), dates and reminder days. */
export function OpenCycleForm(props: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [period, setPeriod] = createSignal('');
  const [opensOn, setOpensOn] = createSignal('');
  const [dueOn, setDueOn] = createSignal('');
  const [commissionId, setCommissionId] = createSignal('');
  const [kinds, setKinds] = createSignal<DocumentKind[]>(['action_plan']);
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [reminders, setReminders] = createSignal('-7, -1, 3');
  const [plans] = createResource(() => documents.list({ kind: 'action_plan' }).then((r) => r.documents));
  const reminderDays = () => parseReminderDays(reminders());
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value]);

  const { submit, busy, error } = createFormSubmit(async () => {
    const days = reminderDays();
    if (days === null) return;
    const opened = await cycles.open({
      period: period().trim(),
      opensOn: opensOn(),
      dueOn: dueOn(),
      commissionId: commissionId() || null,
      documentKinds: kinds().length > 0 ? kinds() : undefined,
      documentIds: chosen().length > 0 ? chosen() : undefined,
      reminderDays: days,
    });
    navigate(`/cycles/${opened.cycle.id}`);
  });

  return (
    <form class="panel form-stack open-cycle-form" onSubmit={submit} aria-labelledby="open-cycle-title">
      <h2 id="open-cycle-title">{t('cycles.openTitle')}</h2>
      <div class="form-row">
        <div class="field">
          <label for="cycle-period">{t('cycles.period')}</label>
          <input
            id="cycle-period"
            required
            maxLength={100}
            placeholder={t('cycles.periodExample')}
            value={period()}
            onInput={(event) => setPeriod(event.currentTarget.value)}
            dir="auto"
          />
        </div>
        <div class="field">
          <label for="cycle-opens">{t('cycles.opensOn')}</label>
          <input id="cycle-opens" type="date" required value={opensOn()} onInput={(event) => setOpensOn(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="cycle-due">{t('cycles.dueOnLabel')}</label>
          <input
            id="cycle-due"
            type="date"
            required
            min={opensOn() || undefined}
            value={dueOn()}
            onInput={(event) => setDueOn(event.currentTarget.value)}
            aria-invalid={opensOn() && dueOn() && dueOn() < opensOn() ? 'true' : undefined}
          />
          <Show when={opensOn() && dueOn() && dueOn() < opensOn()}>
            <span class="field-error">{t('cycles.dueBeforeOpen')}</span>
          </Show>
        </div>
      </div>
      <fieldset class="field">
        <legend>{t('cycles.scope')}</legend>
        <p class="hint">{t('cycles.scopeHint')}</p>
        <div class="field">
          <label for="cycle-commission">{t('cycles.commission')}</label>
          <select id="cycle-commission" value={commissionId()} onChange={(event) => setCommissionId(event.currentTarget.value)}>
            <option value="">{t('cycles.anyCommission')}</option>
            <For each={commissionList()}>{(commission) => <option value={commission.id}>{commission.names[locale()] || commission.names.fr}</option>}</For>
          </select>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: already inside the form's fieldset; a nested fieldset would draw a second frame */}
        <div class="checkbox-row" role="group" aria-label={t('cycles.kinds')}>
          <span class="label">{t('cycles.kinds')}</span>
          <For each={DOCUMENT_KINDS.filter((kind) => kind !== 'minutes')}>
            {(kind) => (
              <label class="checkbox">
                <input type="checkbox" checked={kinds().includes(kind)} onChange={() => setKinds(toggle(kinds(), kind))} /> {t(`kind.${kind}`)}
              </label>
            )}
          </For>
        </div>
        <details>
          <summary>{t('cycles.choosePlans', { count: chosen().length })}</summary>
          <div class="plan-choices">
            <For each={plans() ?? []}>
              {(plan) => (
                <label class="checkbox">
                  <input type="checkbox" checked={chosen().includes(plan.id)} onChange={() => setChosen(toggle(chosen(), plan.id))} /> <span dir="auto">{plan.title}</span>
                </label>
              )}
            </For>
          </div>
        </details>
      </fieldset>
      <div class="field">
        <label for="cycle-reminders">{t('cycles.reminderDays')}</label>
        <input
          id="cycle-reminders"
          dir="ltr"
          value={reminders()}
          onInput={(event) => setReminders(event.currentTarget.value)}
          aria-invalid={reminderDays() === null ? 'true' : undefined}
          aria-describedby="cycle-reminders-hint"
        />
        <span class="hint" id="cycle-reminders-hint">
          {t('cycles.reminderHint')}
        </span>
        <Show when={reminderDays() === null}>
          <span class="field-error">{t('cycles.reminderInvalid')}</span>
        </Show>
      </div>
      <ErrorBox error={error()} />
      <FormActions submitLabel={t('cycles.openAction')} disabled={busy() || reminderDays() === null} onCancel={() => props.onCancel()} />
    </form>
  );
}
