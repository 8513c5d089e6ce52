import { For, Match, Show, Switch } from 'solid-js';
import type { DiffBlock, VersionDiff, WriterRun } from '../../../api/versions.ts';
import type { DeletedRun } from '../../../../../shared/deleted-runs.ts';
import { locale, t } from '../../../i18n/index.ts';
import { organisationLabel } from '../../../state/directory.ts';
import { deletedPiecesOf, piecesOf, type DiffAuthor } from './diff-authors.ts';
import { describeFieldChange } from './measure-change-text.ts';

/** Each client id of the diff → its author (null: unknown); absent: insertions are shown without authors. */
type Authors = Map<number, DiffAuthor | null> | undefined;
/** Who deleted what: the server's ranges and the people they name; absent: deletions without authors. */
type Deleters = { ranges: VersionDiff['deleters']; people: Map<string, DiffAuthor> } | undefined;

/**
 * Inserted text, each writer's stretch underlined in the colour of their organisation and named
 * on hover and to screen readers (never by colour alone; the spoken name is generated content,
 * see review.css, so copying the text copies the text only); without authors, a plain insertion.
 */
function Inserted(props: { text: string; by?: WriterRun[]; authors: Authors }) {
  return (
    <Show when={props.authors} fallback={<ins>{props.text}</ins>}>
      {(authors) => (
        <For each={piecesOf(props.text, props.by)}>
          {(piece) => {
            const author = piece.client === null ? null : (authors().get(piece.client) ?? null);
            const label = author ? t('diffAuthors.insertedBy', { name: author.name, organisation: author.organisation }) : t('diffAuthors.insertedByUnknown');
            return (
              <ins
                class={author ? 'authored' : 'authored unknown'}
                style={author ? { '--author-color': author.color } : undefined}
                title={label}
                data-label={label}
                data-author={author?.userId ?? ''}>
                {piece.text}
              </ins>
            );
          }}
        </For>
      )}
    </Show>
  );
}

/**
 * Deleted text, each deleter's stretch struck through in the colour of their organisation and
 * named on hover and to screen readers; a deletion nobody recorded (made before the record
 * existed, or relayed from a process that did not record it) in neutral grey, said so.
 */
function Deleted(props: { text: string; del?: DeletedRun[]; authors: Authors; deleters: Deleters }) {
  return (
    <Show when={props.authors && props.deleters} fallback={<del>{props.text}</del>}>
      {(deleters) => (
        <For each={deletedPiecesOf(props.text, props.del, deleters().ranges)}>
          {(piece) => {
            const author = piece.userId ? (deleters().people.get(piece.userId) ?? null) : null;
            const label = author ? t('diffAuthors.deletedBy', { name: author.name, organisation: author.organisation }) : t('diffAuthors.deletedTitle');
            return (
              <del
                class={author ? 'authored' : 'unattributed'}
                style={author ? { '--author-color': author.color } : undefined}
                title={label}
                data-label={label}
                data-author={author?.userId ?? ''}>
                {piece.text}
              </del>
            );
          }}
        </For>
      )}
    </Show>
  );
}

function Block(props: { diff: DiffBlock; authors: Authors; deleters: Deleters }) {
  return (
    <Switch>
      <Match when={props.diff.op === 'change' && props.diff}>
        {(change) => (
          <p class="diff-block changed" dir="auto">
            <Show
              when={change().words}
              fallback={
                <>
                  <Deleted text={change().before.text} del={change().del} authors={props.authors} deleters={props.deleters} />{' '}
                  <Inserted text={change().after.text} by={change().by} authors={props.authors} />
                </>
              }>
              {(words) => (
                <For each={words()}>
                  {(word) =>
                    word.op === 'insert' ? (
                      <Inserted text={word.text} by={word.by} authors={props.authors} />
                    ) : word.op === 'delete' ? (
                      <Deleted text={word.text} del={word.del} authors={props.authors} deleters={props.deleters} />
                    ) : (
                      <span>{word.text}</span>
                    )
                  }
                </For>
              )}
            </Show>
          </p>
        )}
      </Match>
      <Match when={props.diff.op !== 'change' && props.diff}>
        {(other) => {
          const block = () => (other() as { block: { text: string } }).block;
          const by = () => (other() as { by?: WriterRun[] }).by;
          const del = () => (other() as { del?: DeletedRun[] }).del;
          return (
            <p class={`diff-block ${other().op}`} dir="auto">
              <Show
                when={other().op === 'insert'}
                fallback={
                  <Show when={other().op === 'delete'} fallback={block().text}>
                    <Deleted text={block().text} del={del()} authors={props.authors} deleters={props.deleters} />
                  </Show>
                }>
                <Inserted text={block().text} by={by()} authors={props.authors} />
              </Show>
            </p>
          );
        }}
      </Match>
    </Switch>
  );
}

/** What changed from a version to now: text blocks with inserted and deleted words, then measures. */
export function DiffView(props: { diff: VersionDiff; authors?: Map<number, DiffAuthor | null>; deleters?: Map<string, DiffAuthor> }) {
  const deleters = (): Deleters => (props.deleters ? { ranges: props.diff.deleters, people: props.deleters } : undefined);
  const changedBlocks = () => props.diff.blocks.filter((block) => block.op !== 'equal');
  const measures = () => props.diff.measures;
  return (
    <div class="diff" data-testid="diff">
      <p class="muted small">{t('versions.diffSummary', { inserted: props.diff.summary.inserted, deleted: props.diff.summary.deleted, changed: props.diff.summary.changed })}</p>
      <Show when={props.diff.truncated}>
        <p class="notice warning small">{t('versions.truncated')}</p>
      </Show>
      <Show when={changedBlocks().length > 0} fallback={<p class="muted">{t('versions.noTextChange')}</p>}>
        <For each={changedBlocks()}>{(block) => <Block diff={block} authors={props.authors} deleters={deleters()} />}</For>
      </Show>
      <Show when={measures().added.length + measures().removed.length + measures().changed.length > 0}>
        <h4>{t('versions.measures')}</h4>
        <ul class="diff-measures">
          <For each={measures().added}>
            {(m) => (
              <li>
                <ins dir="auto">{t('versions.measureAdded', { title: m.title || '—' })}</ins>
              </li>
            )}
          </For>
          <For each={measures().removed}>
            {(m) => (
              <li>
                <del dir="auto">{t('versions.measureRemoved', { title: m.title || '—' })}</del>
              </li>
            )}
          </For>
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
