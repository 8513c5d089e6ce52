import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

// One statement per entry: the embedded driver runs each through the extended protocol.
const statements = `
    CREATE TABLE organisations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
      kind text NOT NULL CHECK (kind IN ('ministry', 'public_body', 'country', 'international_org')),
      name_fr text NOT NULL,
      name_ar text NOT NULL,
      name_en text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      role text NOT NULL CHECK (role IN ('admin', 'member')),
      locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'ar', 'en')),
      password_hash text,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));
    CREATE INDEX users_organisation_idx ON users (organisation_id);

    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

    CREATE TABLE documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('action_plan', 'cooperation_proposal', 'study', 'minutes', 'note')),
      title text NOT NULL,
      lead_organisation_id uuid NOT NULL REFERENCES organisations(id),
      framework text CHECK (framework IN ('bilateral', 'multilateral', 'south_south')),
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'in_review', 'submitted', 'adopted', 'in_implementation', 'closed', 'returned')),
      return_reason text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      body_text text NOT NULL DEFAULT '',
      word_count integer NOT NULL DEFAULT 0,
      measure_count integer NOT NULL DEFAULT 0,
      last_edited_by uuid REFERENCES users(id),
      last_edited_at timestamptz,
      -- Each word is indexed under the French, Arabic and English stemmers (and unstemmed), so a
      -- query in any of the three languages finds documents written in any mix of them.
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A') ||
        setweight(to_tsvector('french'::regconfig, title), 'A') ||
        setweight(to_tsvector('arabic'::regconfig, title), 'A') ||
        setweight(to_tsvector('english'::regconfig, title), 'A') ||
        to_tsvector('simple'::regconfig, body_text) ||
        to_tsvector('french'::regconfig, body_text) ||
        to_tsvector('arabic'::regconfig, body_text) ||
        to_tsvector('english'::regconfig, body_text)
      ) STORED
    );
    CREATE INDEX documents_search_idx ON documents USING gin (search);
    CREATE INDEX documents_lead_idx ON documents (lead_organisation_id);
    CREATE INDEX documents_status_idx ON documents (status);

    CREATE TABLE document_partners (
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      PRIMARY KEY (document_id, organisation_id)
    );
    CREATE INDEX document_partners_org_idx ON document_partners (organisation_id);

    CREATE TABLE document_access (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      organisation_id uuid REFERENCES organisations(id),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      level text NOT NULL CHECK (level IN ('edit', 'comment', 'view')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((organisation_id IS NULL) <> (user_id IS NULL))
    );
    CREATE UNIQUE INDEX document_access_org_key ON document_access (document_id, organisation_id) WHERE organisation_id IS NOT NULL;
    CREATE UNIQUE INDEX document_access_user_key ON document_access (document_id, user_id) WHERE user_id IS NOT NULL;
    CREATE INDEX document_access_grantee_idx ON document_access (organisation_id, user_id);

    CREATE TABLE doc_updates (
      id bigserial PRIMARY KEY,
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      data bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX doc_updates_document_idx ON doc_updates (document_id, id);

    CREATE TABLE doc_snapshots (
      document_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
      state bytea NOT NULL,
      last_update_id bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_user_id uuid REFERENCES users(id),
      action text NOT NULL,
      object_type text,
      object_id text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      ip text
    );
    CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, at);
    CREATE INDEX audit_log_action_idx ON audit_log (action, at);
`
  .split(/;\s*\n/)
  .map((statement) => statement.trim())
  .filter(Boolean);

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE audit_log, doc_snapshots, doc_updates, document_access, document_partners,
      documents, api_tokens, sessions, users, organisations
  `.execute(db);
}
