import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Issue 20: a document's snapshot carries the CRC-32 of its state as the compactor wrote it (the
 * signed 32-bit value of zlib.crc32). The compactor only writes states Yjs encoded from updates
 * that passed the server's checks, so a snapshot read back with the same checksum is those bytes
 * and needs no second check on load (3.3 ms of CPU for a 500 KB state). Snapshots written before
 * have none and are checked as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE doc_snapshots ADD COLUMN state_crc32 integer`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE doc_snapshots DROP COLUMN state_crc32`.execute(db);
}
