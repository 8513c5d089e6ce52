import { For, Match, Show, Switch } from 'solid-js';
import type { BlockDiff, VersionDiff } from '../../../api/versions.ts';
import { locale, t } from '../../../i18n/index.ts';
import { organisationLabel } from '../../../state/directory.ts';
import { describeFieldChange } from './measure-change-text.ts';

function Block(props: { diff: BlockDiff }) {
  return (
    <Switch>
      <Match when={props.diff.op === 'change' && props.diff}>
        {(change) => (
          <p class="diff-block changed" dir="auto">
            <Show when={change().words} fallback={<><del>{change().before.text}</del> <ins>{change().after.text}</ins></>}>
              {(words) => (
                <For each={words()}>
                  {(word) => (word.op === 'insert' ? <ins>{word.text}</ins> : word.op === 'delete' ? <del>{word.text}</del> : <span>{word.text}</span>)}
                </For>
              )}
            </Show>
          </p>
        )}
      </Match>
      <Match when={props.diff.op !== 'change' && props.diff}>
        {(other) => {
          const block = () => (other() as { block: { text: string } }).block;
          return (
            <p class={`diff-block ${other().op}`} dir="auto">
              <Show when={other().op === 'insert'} fallback={<Show when={other().op === 'delete'} fallback={block().text}><del>{block().text}</del></Show>}>
                <ins>{block().text}</ins>
              </Show>
            </p>
          );
        }}
      </Match>
    </Switch>
  );
}

/** What changed from a version to now: text blocks with inserted and deleted words, then measures. */
export function DiffView(props: { diff: VersionDiff }) {
  const changedBlocks = () => props.diff.blocks.filter((block) => block.op !== 'equal');
  const measures = () => props.diff.measures;
  return (
    <div class="diff" data-testid="diff">
      <p class="muted small">
        {t('versions.diffSummary', { inserted: props.diff.summary.inserted, deleted: props.diff.summary.deleted, changed: props.diff.summary.changed })}
      </p>
      <Show when={props.diff.truncated}><p class="notice warning small">{t('versions.truncated')}</p></Show>
      <Show when={changedBlocks().length > 0} fallback={<p class="muted">{t('versions.noTextChange')}</p>}>
        <For each={changedBlocks()}>{(block) => <Block diff={block} />}</For>
      </Show>
      <Show when={measures().added.length + measures().removed.length + measures().changed.length > 0}>
        <h4>{t('versions.measures')}</h4>
        <ul class="diff-measures">
          <For each={measures().added}>{(m) => <li><ins dir="auto">{t('versions.measureAdded', { title: m.title || '—' })}</ins></li>}</For>
          <For each={measures().removed}>{(m) => <li><del dir="auto">{t('versions.measureRemoved', { title: m.title || '—' })}</del></li>}</For>
          <For each={measures().changed}>
            {(m) => (
              <li dir="auto" data-testid="measure-change">
                <span class="diff-measure-title">{t('history.measureChanged', { title: m.title || '—' })}</span>
                <ul class="diff-fields">
                  <For each={m.changes}>{(change) => <li dir="auto">{describeFieldChange(locale(), change, { organisationName: organisationLabel })}</li>}</For>
                </ul>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
