import { describe, expect, it } from 'vitest';
import { parseMentions } from '../../shared/mentions.ts';

const ID = '3f1c2b6e-8d4a-4c1e-9b7f-0a1b2c3d4e5f';

describe('parseMentions', () => {
  it('reads organisation codes, e-mail addresses and picked user ids', () => {
    expect(parseMentions(`@sante et @OIM, voir avec @amina.idrissi@sante.gov.ma et @[${ID.toUpperCase()}].`)).toEqual({
      userIds: [ID],
      emails: ['amina.idrissi@sante.gov.ma'],
      organisationCodes: ['sante', 'oim'],
    });
  });

  it('leaves trailing punctuation out and counts each mention once', () => {
    expect(parseMentions('(@sante) @sante. @emploi_2, @x@y.ma. @sante!')).toEqual({ userIds: [], emails: ['x@y.ma'], organisationCodes: ['sante', 'emploi_2'] });
  });

  it('ignores the @ of e-mail addresses written in prose and bare or odd @s', () => {
    expect(parseMentions('écrire à contact@sante.ma ou a.b@mre.ma — @ seul, @@, @-x, @[pas-un-id]')).toEqual({ userIds: [], emails: [], organisationCodes: [] });
  });

  it('works in Arabic text and at line starts', () => {
    expect(parseMentions('يرجى من @sante مراجعة\n@oim: ok')).toEqual({ userIds: [], emails: [], organisationCodes: ['sante', 'oim'] });
  });

  it('does not take a code longer than an organisation code can be', () => {
    expect(parseMentions(`@${'a'.repeat(33)}`).organisationCodes).toEqual([]);
  });
});
