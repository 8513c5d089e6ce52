import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { importWordDocument } from '../commands/imports.ts';
import { AppError } from '../errors.ts';
import { MAX_UPLOAD_BYTES } from '../http/multipart.ts';

/** A folder of Word files imported one by one, each as its own document; one bad file skips only itself. */

export interface BulkOutcome {
  file: string;
  status: 'imported' | 'skipped';
  /** imported: the new document's id and title */
  documentId?: string;
  title?: string;
  measures?: number;
  notes?: string[];
  /** skipped: why */
  reason?: string;
}

const WORD = /\.(docx|docm)$/i;

export async function listWordFiles(folder: string): Promise<{ files: string[]; ignored: string[] }> {
  const entries = await fs.readdir(folder, { withFileTypes: true, recursive: true });
  const files: string[] = [];
  const ignored: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? folder, entry.name);
    // Word's lock files (~$plan.docx) are not documents.
    if (WORD.test(entry.name) && !entry.name.startsWith('~$')) files.push(full);
    else ignored.push(full);
  }
  return { files: files.sort(), ignored: ignored.sort() };
}

export async function importFolder(
  db: Kysely<Database>,
  actor: Actor,
  folder: string,
  onProgress: (done: number, total: number, file: string) => void = () => {},
): Promise<BulkOutcome[]> {
  const { files, ignored } = await listWordFiles(folder);
  const outcomes: BulkOutcome[] = ignored.map((file) => ({ file: path.relative(folder, file), status: 'skipped', reason: 'not a Word file (.docx or .docm)' }));
  for (const [index, full] of files.entries()) {
    const file = path.relative(folder, full);
    onProgress(index, files.length, file);
    try {
      const stat = await fs.stat(full);
      if (stat.size > MAX_UPLOAD_BYTES) {
        outcomes.push({ file, status: 'skipped', reason: `larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
        continue;
      }
      const { row, summary } = await importWordDocument(db, actor, { filename: path.basename(full), data: await fs.readFile(full) }, {});
      outcomes.push({
        file,
        status: 'imported',
        documentId: row.id,
        title: row.title,
        measures: summary.measures,
        notes: [...summary.notes, ...(summary.rejectedRows.length > 0 ? [`${summary.rejectedRows.length} measure row(s) left out`] : [])],
      });
    } catch (error) {
      outcomes.push({ file, status: 'skipped', reason: error instanceof AppError ? error.message : `unexpected error: ${(error as Error).message}` });
    }
  }
  onProgress(files.length, files.length, '');
  return outcomes;
}

/** `[#######.............]  7/20  name.docx`, for a terminal line. */
export function progressLine(done: number, total: number, file: string, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}  ${file}`;
}

export function summaryText(outcomes: readonly BulkOutcome[]): string {
  const imported = outcomes.filter((outcome) => outcome.status === 'imported');
  const skipped = outcomes.filter((outcome) => outcome.status === 'skipped');
  const lines = [`Imported ${imported.length} document(s), skipped ${skipped.length} file(s).`];
  for (const outcome of imported)
    lines.push(`  + ${outcome.file} → "${outcome.title}" (${outcome.documentId}), ${outcome.measures} measure(s)${outcome.notes?.length ? `; ${outcome.notes.join('; ')}` : ''}`);
  for (const outcome of skipped) lines.push(`  - ${outcome.file}: ${outcome.reason}`);
  return lines.join('\n');
}
