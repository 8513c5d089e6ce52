import { Show, createSignal } from 'solid-js';
import type { Comment } from '../../../api/comments.ts';
import { ErrorBox } from '../../../components/Feedback.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { organisationById } from '../../../state/directory.ts';
import { currentUser, isAdmin } from '../../../state/session.ts';
import { CommentBody } from './CommentBody.tsx';
import { CommentComposer } from './CommentComposer.tsx';

/** One comment: who, when, the text; its author may edit or delete it (admins may delete). */
export function CommentItem(props: { comment: Comment; canWrite: boolean; onEdit: (body: string) => Promise<unknown>; onDelete: () => Promise<unknown> }) {
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const own = () => currentUser()?.id === props.comment.author.id;
  const remove = async () => {
    if (!window.confirm(t('comments.confirmDelete'))) return;
    setError(undefined);
    try {
      await props.onDelete();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div class="comment" data-testid="comment">
      <div class="comment-meta">
        <strong>{props.comment.author.name}</strong>
        <span class="muted small">{organisationById(props.comment.author.organisationId)?.code.toUpperCase()}</span>
        <time class="muted small" datetime={props.comment.createdAt}>
          {formatDateTime(props.comment.createdAt)}
        </time>
        <Show when={props.comment.editedAt && !props.comment.deleted}>
          <span class="muted small">{t('comments.edited')}</span>
        </Show>
        <Show when={props.comment.sessionId}>
          <span class="badge session-tag" data-testid="session-tag">
            {t('comments.inSession')}
          </span>
        </Show>
      </div>
      <Show when={!props.comment.deleted} fallback={<p class="comment-body muted">{t('comments.deleted')}</p>}>
        <Show when={editing()} fallback={<CommentBody body={props.comment.body} />}>
          <CommentComposer
            label={t('comments.editLabel')}
            submitLabel={t('common.save')}
            initial={props.comment.body}
            autofocus
            onSubmit={async (body) => {
              await props.onEdit(body);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        </Show>
        <Show when={props.canWrite && !editing() && (own() || isAdmin())}>
          <div class="comment-actions">
            <Show when={own()}>
              <button type="button" class="button subtle small" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
            </Show>
            <button type="button" class="button subtle small danger-text" onClick={() => void remove()}>
              {t('comments.delete')}
            </button>
          </div>
        </Show>
      </Show>
      <ErrorBox error={error()} />
    </div>
  );
}
