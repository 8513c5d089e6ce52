import { For, Show, createSignal } from 'solid-js';
import { DECISIONS, type AgendaItem, type Decision } from '../../api/sessions.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatNumber, isolate, t } from '../../i18n/index.ts';
import { decisionNeedsText, planDecisionEffect } from '../../../../shared/decision-workflow.ts';

/**
 * The chair records the decision on an item: adopted, adopted with changes (its text is the reason
 * the document is returned for), returned (with the reason), postponed. Before it is recorded a
 * dialog says what it will do to the document, and the chair confirms.
 */
export function DecisionForm(props: { item: AgendaItem; number: number; busy: boolean; onDecide: (decision: Decision, text?: string) => Promise<boolean> }) {
  const [decision, setDecision] = createSignal<Decision>(props.item.decision ?? 'adopted');
  const [text, setText] = createSignal(props.item.decisionText ?? '');
  const [confirming, setConfirming] = createSignal(false);
  const needsText = () => decisionNeedsText(decision());
  const submit = async () => {
    setConfirming(false);
    if (await props.onDecide(decision(), text().trim() || undefined)) setText(text().trim());
  };
  /** What confirming does to the document, by the same rules as the server (the chair is the secretariat). */
  const effect = () => {
    const from = props.item.documentStatus;
    if (!from) return t('decision.effect.noted');
    const plan = planDecisionEffect(decision(), text(), from, ['secretariat']);
    const title = isolate(props.item.documentTitle ?? props.item.title);
    if (plan.effect === 'noted') return t('decision.effect.noted');
    if (plan.effect === 'blocked') return t('decision.effect.blocked', { from: t(`status.${from}`) });
    if (plan.to === 'returned') return t('decision.effect.movedReturned', { title });
    return t('decision.effect.moved', { title, from: t(`status.${from}`), to: t(`status.${plan.to}`) });
  };
  const name = `decision-${props.item.id}`;
  return (
    <form
      class="decision-form"
      data-testid="decision-form"
      onSubmit={(event) => {
        event.preventDefault();
        setConfirming(true);
      }}>
      <fieldset class="decision-choices">
        <legend>{t('session.decisionFor', { number: formatNumber(props.number) })}</legend>
        <For each={DECISIONS}>
          {(value) => (
            <label class="decision-choice">
              <input type="radio" name={name} value={value} checked={decision() === value} onChange={() => setDecision(value)} />
              {t(`decision.${value}`)}
            </label>
          )}
        </For>
      </fieldset>
      <label for={`${name}-text`}>{needsText() ? t('session.decisionReason') : t('session.decisionText')}</label>
      <textarea id={`${name}-text`} dir="auto" rows="2" maxLength={4000} required={needsText()} value={text()} onInput={(event) => setText(event.currentTarget.value)} />
      <button type="submit" class="button primary small" disabled={props.busy || (needsText() && !text().trim())}>
        {t('session.record')}
      </button>
      <Show when={confirming()}>
        <ConfirmDialog
          title={t('decision.confirmTitle')}
          confirmLabel={t('decision.confirm')}
          busy={props.busy}
          testId="decision-confirm"
          onCancel={() => setConfirming(false)}
          onConfirm={() => void submit()}>
          <p>
            <strong>{t(`decision.${decision()}`)}</strong>
          </p>
          <Show when={text().trim()}>
            <p dir="auto">{text().trim()}</p>
          </Show>
          <p>{effect()}</p>
        </ConfirmDialog>
      </Show>
    </form>
  );
}
