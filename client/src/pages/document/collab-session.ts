import { createSignal, type Accessor } from 'solid-js';
import { readAuthMessage } from 'y-protocols/auth';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../../../../shared/close-codes.ts';
import { offlineName, rememberOfflineCopy } from '../../lib/offline-copies.ts';
import { organisationColor, safeColor } from '../../lib/colors.ts';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'refused';

/** Close codes of the sync endpoint (shared/close-codes.ts) that end a session for good. */
export type RefusalReason = 'unauthenticated' | 'forbidden' | 'not_found' | 'too_large' | 'other';

export function refusalReason(code: number): RefusalReason {
  if (code === CloseCode.unauthenticated) return 'unauthenticated';
  if (code === CloseCode.forbidden) return 'forbidden';
  if (code === CloseCode.notFound) return 'not_found';
  // A change over the server's message bound: it stays in this browser's offline copy.
  if (code === CloseCode.messageTooLarge) return 'too_large';
  return 'other';
}

const MESSAGE_AUTH = 2;

/** What the sync server puts in each connection's awareness `user` field. */
export interface PeerUser {
  /** the account id, when the server has stamped it */
  id?: string;
  name: string;
  organisationId?: string;
  organisationCode?: string;
  color: string;
}

export interface Peer {
  clientId: number;
  user: PeerUser;
  self: boolean;
}

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  connection: Accessor<ConnectionState>;
  /** true once the content came from the server or from the offline copy */
  ready: Accessor<boolean>;
  peers: Accessor<Peer[]>;
  /** the server refused our edits (y-protocols "permission denied"), e.g. after a downgrade */
  editsRefused: Accessor<boolean>;
  /** the server closed the connection for good */
  refused: Accessor<RefusalReason | null>;
  destroy(): void;
}

export function collabUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/** Reads an awareness `user` field defensively: it comes from the network. */
export function readPeerUser(value: unknown): PeerUser | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const name = typeof record.name === 'string' ? record.name.slice(0, 120) : '';
  if (!name) return null;
  const organisationCode = typeof record.organisationCode === 'string' ? record.organisationCode.slice(0, 32) : undefined;
  const organisationId = typeof record.organisationId === 'string' ? record.organisationId : undefined;
  return {
    id: typeof record.id === 'string' ? record.id : undefined,
    name,
    organisationId,
    organisationCode,
    color: safeColor(record.color, organisationColor(organisationId)),
  };
}

/**
 * One open document: the Y.Doc, its live connection to /collab/<id> (cookie auth), and an offline
 * copy in IndexedDB so that reading and editing go on without network.
 */
export function openCollabSession(documentId: string, me: PeerUser): CollabSession {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(offlineName(documentId), doc);
  rememberOfflineCopy(documentId);
  // disableBc: tabs sync through the server only, so a read-only tab cannot pass edits to an editable one.
  const provider = new WebsocketProvider(collabUrl(window.location), documentId, doc, { disableBc: true, maxBackoffTime: 10_000 });
  provider.awareness.setLocalStateField('user', me);

  const [connection, setConnection] = createSignal<ConnectionState>('connecting');
  const [ready, setReady] = createSignal(false);
  const [peers, setPeers] = createSignal<Peer[]>([]);
  const [editsRefused, setEditsRefused] = createSignal(false);
  const [refused, setRefused] = createSignal<RefusalReason | null>(null);
  let everConnected = false;

  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => readAuthMessage(decoder, doc, () => setEditsRefused(true));
  provider.on('closed', ({ code }: { code: number }) => {
    setRefused(refusalReason(code));
    setConnection('refused');
  });

  const refreshConnection = (status: 'connected' | 'disconnected' | 'connecting') => {
    if (refused()) return setConnection('refused');
    if (!navigator.onLine) return setConnection('offline');
    if (status === 'connected') {
      everConnected = true;
      return setConnection('online');
    }
    setConnection(everConnected ? 'reconnecting' : status === 'connecting' ? 'connecting' : 'offline');
  };
  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => refreshConnection(status);
  const onNetwork = () => refreshConnection(provider.wsconnected ? 'connected' : 'connecting');
  provider.on('status', onStatus);
  provider.on('sync', (synced: boolean) => synced && setReady(true));
  void persistence.whenSynced.then(() => setReady(true));
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);

  const onAwareness = () => {
    const list: Peer[] = [];
    provider.awareness.getStates().forEach((state, clientId) => {
      const user = readPeerUser(state.user);
      if (user) list.push({ clientId, user, self: clientId === doc.clientID });
    });
    setPeers(list);
  };
  provider.awareness.on('change', onAwareness);
  onAwareness();

  return {
    doc,
    provider,
    connection,
    ready,
    peers,
    editsRefused,
    refused,
    destroy() {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      provider.awareness.off('change', onAwareness);
      provider.off('status', onStatus);
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}
