import { clearDocument } from 'y-indexeddb';

/** Documents kept in IndexedDB for offline work, remembered so that signing out can erase them. */
const KEY = 'tansiq.offline-documents';

export const offlineName = (documentId: string) => `tansiq:${documentId}`;

function remembered(): string[] {
  try {
    const value: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberOfflineCopy(documentId: string): void {
  const names = new Set(remembered());
  names.add(offlineName(documentId));
  globalThis.localStorage?.setItem(KEY, JSON.stringify([...names]));
}

export async function forgetOfflineCopies(): Promise<void> {
  const names = remembered();
  await Promise.allSettled(names.map((name) => clearDocument(name)));
  globalThis.localStorage?.removeItem(KEY);
}
