import { refuse, when, type Policy } from './policy.ts';

/** Comments, beyond the document right to comment (checked first): who changes which comment. */
export type CommentAction = 'edit' | 'delete';

export const commentPolicy: Policy<CommentAction, { authorId: string }> = {
  objectType: 'comment',
  label: 'Comment',
  decide(actor, action, { authorId }) {
    const own = authorId === actor.userId;
    switch (action) {
      case 'edit':
        return when(own, () => refuse('Only its author edits a comment.', { need: action }));
      case 'delete':
        // The coordination unit moderates: it may remove anyone's comment (and that is audited).
        return when(own || actor.role === 'admin', () => refuse('Only its author (or the coordination unit) deletes a comment.', { need: action }));
    }
  },
};
