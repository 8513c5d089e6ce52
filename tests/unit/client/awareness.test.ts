import { describe, expect, it } from 'vitest';
import { collabUrl, readPeerUser, refusalReason } from '../../../client/src/pages/document/collab-session.ts';

describe('awareness users from the network', () => {
  it('keeps the fields the server stamps and checks the colour', () => {
    expect(readPeerUser({ id: 'u1', name: 'Samira', organisationId: 'o1', organisationCode: 'sante', color: '#0b6e63' })).toEqual({
      id: 'u1',
      name: 'Samira',
      organisationId: 'o1',
      organisationCode: 'sante',
      color: '#0b6e63',
    });
  });

  it('refuses a colour that could smuggle CSS, and nameless states', () => {
    const user = readPeerUser({ name: 'X', organisationCode: 'oim', color: 'red; background: url(//evil)' });
    expect(user?.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(readPeerUser({ color: '#fff' })).toBeNull();
    expect(readPeerUser('Samira')).toBeNull();
    expect(readPeerUser(null)).toBeNull();
  });
});

describe('the sync endpoint address and its refusals', () => {
  it('uses wss on https pages', () => {
    expect(collabUrl({ protocol: 'https:', host: 'tansiq.gov.ma' })).toBe('wss://tansiq.gov.ma/collab');
    expect(collabUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/collab');
  });

  it('names the final close codes', () => {
    expect(refusalReason(4401)).toBe('unauthenticated');
    expect(refusalReason(4403)).toBe('forbidden');
    expect(refusalReason(4404)).toBe('not_found');
    expect(refusalReason(4429)).toBe('other');
  });
});
