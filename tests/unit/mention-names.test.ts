import { describe, expect, it } from 'vitest';
import { toDisplayForm, toStoredForm } from '../../client/src/lib/mentions.ts';
import { planNotification } from '../../server/notifications/rules.ts';
import { mentionsAsNames, type MentionNames } from '../../shared/mentions.ts';

const AMINA = 'e7555ff0-1111-4222-8333-944455556666';
const KARIM = 'a0000000-1111-4222-8333-944455556666';
const NAMES: MentionNames = {
  users: new Map([
    [AMINA, 'Amina Idrissi'],
    [KARIM, 'Karim Tazi'],
  ]),
  emails: new Map([['youssef@mre.ma', 'Youssef Alami']]),
  organisations: new Map([['sante', 'Ministère de la Santé']]),
};

/** Issue 16: mentions read as names everywhere while the stored form keeps ids. */
describe('mentionsAsNames (Slack, exports)', () => {
  it('names people by id or e-mail and organisations by code', () => {
    expect(mentionsAsNames(`Merci @[${AMINA}], voir avec @sante et @youssef@mre.ma.`, NAMES)).toBe('Merci @Amina Idrissi, voir avec @Ministère de la Santé et @Youssef Alami.');
  });
  it('keeps a mention nobody is known by as written, and leaves e-mail addresses in prose alone', () => {
    expect(mentionsAsNames('@inconnu écrit à x@sante.ma', NAMES)).toBe('@inconnu écrit à x@sante.ma');
    expect(mentionsAsNames(`@[${AMINA.toUpperCase()}]`, NAMES)).toBe('@Amina Idrissi');
  });
});

describe('the comment box: names shown, ids stored', () => {
  it('turns picked names back into their tokens, longest name first', () => {
    const picked = new Map([
      ['Amina Idrissi', `@[${AMINA}]`],
      ['Amina', `@[${KARIM}]`],
      ['Ministère de la Santé', '@sante'],
    ]);
    expect(toStoredForm('@Amina Idrissi et @Amina, cc @Ministère de la Santé.', picked)).toBe(`@[${AMINA}] et @[${KARIM}], cc @sante.`);
  });
  it('leaves a name that runs on into a longer word, and text without picks, as typed', () => {
    const picked = new Map([['Amina', `@[${AMINA}]`]]);
    expect(toStoredForm('@Aminata arrive', picked)).toBe('@Aminata arrive');
    expect(toStoredForm('@sante', new Map())).toBe('@sante');
  });
  it('round-trips a stored body through the box unchanged', () => {
    const stored = `Revoir avec @[${AMINA}] et @sante : @[${KARIM}] valide.`;
    const shown = toDisplayForm(stored, (segment) =>
      segment.kind === 'user' ? NAMES.users.get(segment.id) : segment.kind === 'organisation' ? NAMES.organisations.get(segment.code) : undefined,
    );
    expect(shown.text).toBe('Revoir avec @Amina Idrissi et @Ministère de la Santé : @Karim Tazi valide.');
    expect(toStoredForm(shown.text, shown.picked)).toBe(stored);
  });
  it('keeps the second of two namesakes as its token, so a name never means two people', () => {
    const shown = toDisplayForm(`@[${AMINA}] @[${KARIM}]`, () => 'Amina');
    expect(shown.text).toBe(`@Amina @[${KARIM}]`);
    expect(toStoredForm(shown.text, shown.picked)).toBe(`@[${AMINA}] @[${KARIM}]`);
  });
});

describe('one notification per person per comment', () => {
  it('does not tell the thread author of a reply they already hear of as mentioned', () => {
    const plan = planNotification({
      type: 'comment.created',
      documentId: 'd',
      commentId: 'c2',
      threadId: 'c1',
      actorUserId: 'u-author-of-reply',
      sessionId: null,
      mentionedUserIds: ['u-thread-author'],
    });
    expect(plan).toMatchObject({ kind: 'reply', recipients: { threadAuthorOf: 'c1' }, exceptUserIds: ['u-thread-author'] });
  });
});
