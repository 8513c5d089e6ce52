/**
 * A Word file whose measures table waits for the measures import preview of the document just
 * made from it: the dashboard's Word import hands it over here, the document page picks it up.
 * In memory only: after a reload the person chooses the file again.
 */
const pending = new Map<string, File>();

export const leaveMeasuresFile = (documentId: string, file: File): void => void pending.set(documentId, file);

export function takeMeasuresFile(documentId: string): File | null {
  const file = pending.get(documentId) ?? null;
  pending.delete(documentId);
  return file;
}
