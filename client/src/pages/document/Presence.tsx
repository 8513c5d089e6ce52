import { For, Show, createMemo } from 'solid-js';
import { Avatar } from '../../components/Avatar.tsx';
import { t } from '../../i18n/index.ts';
import type { Peer } from './collab-session.ts';

/** Who has the document open now (one avatar per person, however many tabs). */
export function Presence(props: { peers: Peer[] }) {
  const people = createMemo(() => {
    const seen = new Map<string, Peer>();
    for (const peer of props.peers) {
      const key = peer.user.id ?? `${peer.user.name}|${peer.user.organisationCode ?? ''}`;
      if (!seen.has(key) || peer.self) seen.set(key, peer);
    }
    return [...seen.values()];
  });
  return (
    // biome-ignore lint/a11y/useSemanticElements: the avatars of who is here, not form fields
    <div class="presence" aria-label={t('presence.label')} role="group">
      <For each={people().slice(0, 8)}>
        {(peer) => (
          <Avatar
            name={peer.user.name}
            color={peer.user.color}
            title={`${peer.user.name}${peer.user.organisationCode ? ` · ${peer.user.organisationCode.toUpperCase()}` : ''}${peer.self ? ` (${t('presence.you')})` : ''}`}
          />
        )}
      </For>
      <Show when={people().length > 8}>
        <span class="avatar more">+{people().length - 8}</span>
      </Show>
    </div>
  );
}
