import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

// Measures got a notes cell and a currency for their budget (issue 14); projected like the rest.
const statements = [
  `ALTER TABLE measures ADD COLUMN notes text NOT NULL DEFAULT ''`,
  `ALTER TABLE measures ADD COLUMN currency text NOT NULL DEFAULT 'MAD' CHECK (currency IN ('MAD', 'EUR', 'USD'))`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE measures DROP COLUMN notes`.execute(db);
  await sql`ALTER TABLE measures DROP COLUMN currency`.execute(db);
}
