import { For, createSignal } from 'solid-js';
import { DECISIONS, type AgendaItem, type Decision } from '../../api/sessions.ts';
import { formatNumber, t } from '../../i18n/index.ts';

/** The chair records the decision on an item: adopted, adopted with changes, returned (with the reason), postponed. */
export function DecisionForm(props: { item: AgendaItem; number: number; busy: boolean; onDecide: (decision: Decision, text?: string) => Promise<boolean> }) {
  const [decision, setDecision] = createSignal<Decision>(props.item.decision ?? 'adopted');
  const [text, setText] = createSignal(props.item.decisionText ?? '');
  const needsText = () => decision() === 'returned';
  const submit = async () => {
    if (await props.onDecide(decision(), text().trim() || undefined)) setText(text().trim());
  };
  const name = `decision-${props.item.id}`;
  return (
    <form class="decision-form" data-testid="decision-form" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
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
      <button type="submit" class="button primary small" disabled={props.busy || (needsText() && !text().trim())}>{t('session.record')}</button>
    </form>
  );
}
