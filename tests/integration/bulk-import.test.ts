import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/auth/actor.ts';
import { importFolder, progressLine, summaryText } from '../../server/import/bulk.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import * as fixtures from '../helpers/fixtures.ts';

const word = (title: string) =>
  Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }), new Paragraph('Texte.')] }] }));

describe('bulk import of a folder of Word files', () => {
  let database: TestDatabase;
  let folder: string;
  let actor: Actor;

  beforeAll(async () => {
    database = await createTestDatabase();
    const organisation = await fixtures.organisation(database.db, 'mre', 'ministry');
    const user = await fixtures.user(database.db, organisation.id, 'admin@mre.ma', 'admin');
    actor = { userId: user.id, organisationId: organisation.id, role: 'admin', name: 'admin', email: user.email, locale: 'fr', via: 'token' };
    folder = await mkdtemp(path.join(tmpdir(), 'tansiq-bulk-'));
    await mkdir(path.join(folder, 'santé'));
    await writeFile(path.join(folder, 'plan-a.docx'), await word('Plan A'));
    await writeFile(path.join(folder, 'santé', 'plan-b.docx'), await word('Plan B'));
    await writeFile(path.join(folder, 'cassé.docx'), Buffer.from('not a zip'));
    await writeFile(path.join(folder, 'notes.txt'), 'hello');
    await writeFile(path.join(folder, '~$plan-a.docx'), 'lock');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await database?.close();
  });

  it('imports each Word file, skips the others with the reason, and reports progress', async () => {
    const progress: string[] = [];
    const outcomes = await importFolder(database.db, actor, folder, (done, total, file) => progress.push(`${done}/${total} ${file}`));
    expect(progress).toEqual(['0/3 cassé.docx', '1/3 plan-a.docx', '2/3 santé/plan-b.docx', '3/3 ']);
    const byFile = Object.fromEntries(outcomes.map((outcome) => [outcome.file, outcome]));
    expect(byFile['plan-a.docx']).toMatchObject({ status: 'imported', title: 'Plan A', measures: 0 });
    expect(byFile['santé/plan-b.docx']).toMatchObject({ status: 'imported', title: 'Plan B' });
    expect(byFile['cassé.docx']).toMatchObject({ status: 'skipped' });
    expect(byFile['cassé.docx']!.reason).toMatch(/cannot be read/);
    expect(byFile['notes.txt']).toMatchObject({ status: 'skipped', reason: 'not a Word file (.docx or .docm)' });
    expect(byFile['~$plan-a.docx']).toMatchObject({ status: 'skipped' });
    const titles = (await database.db.selectFrom('documents').select('title').execute()).map((row) => row.title).sort();
    expect(titles).toEqual(['Plan A', 'Plan B']);
    expect(summaryText(outcomes)).toMatch(/^Imported 2 document\(s\), skipped 3 file\(s\)\./);
    expect(progressLine(7, 20, 'x.docx', 20)).toBe('[#######.............]  7/20  x.docx');
  });
});
