import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { readBody, readMeasures } from '../../shared/doc-schema.ts';
import type { Actor } from '../auth/actor.ts';
import { MINISTRY } from '../bootstrap/ministry.ts';
import { renderDocx } from '../export/docx.ts';
import { renderHtml } from '../export/html.ts';
import { buildExportModel, safeFileName, type ExportDocument, type ExportOrganisation } from '../export/model.ts';
import { renderOdt } from '../export/odt.ts';
import { renderPdf } from '../export/pdf.ts';
import { loadPartners } from '../queries/documents.ts';
import { recordAudit } from './audit.ts';
import type { DocumentContent } from '../queries/comments-content.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { loadLogo } from './settings.ts';
import type { DocumentExportFormat } from '../../shared/api/files.ts';

const CONTENT_TYPES: Record<DocumentExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  html: 'text/html; charset=utf-8',
};

export interface ExportedFile {
  data: Buffer;
  contentType: string;
  filename: string;
}

export async function organisationDirectory(db: Kysely<Database>): Promise<Map<string, ExportOrganisation>> {
  const rows = await db.selectFrom('organisations').select(['id', 'code', 'name_fr', 'name_ar', 'name_en']).execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, code: row.code, nameFr: row.name_fr, nameAr: row.name_ar, nameEn: row.name_en }]));
}

/** Everything an export shows of one document, as the reader may see it (view access is enough). */
export async function loadExportModel(db: Kysely<Database>, content: DocumentContent, actor: Actor, id: string, today: string, ip?: string): Promise<ExportDocument> {
  const { row } = await requireDocument(db, actor, id, 'view', ip);
  const [partners, organisations, version, logo, body] = await Promise.all([
    loadPartners(db, [id]),
    organisationDirectory(db),
    db.selectFrom('document_versions').select('name').where('document_id', '=', id).where('kind', '=', 'named').orderBy('created_at', 'desc').limit(1).executeTakeFirst(),
    loadLogo(db),
    content(id, (doc) => ({ blocks: readBody(doc), measures: readMeasures(doc) })),
  ]);
  const ministry = [...organisations.values()].find((organisation) => organisation.code === MINISTRY.code) ?? MINISTRY;
  return buildExportModel({
    locale: actor.locale,
    title: row.title,
    kind: row.kind,
    status: row.status,
    version: version?.name ?? null,
    date: today,
    leadOrganisationId: row.lead_organisation_id,
    partnerOrganisationIds: partners.get(id) ?? [],
    organisations,
    ministry: { nameFr: ministry.nameFr, nameAr: ministry.nameAr },
    logo,
    ...body,
  });
}

export async function render(model: ExportDocument, format: DocumentExportFormat): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return renderDocx(model);
    case 'pdf':
      return renderPdf(model);
    case 'odt':
      return renderOdt(model);
    case 'html':
      return Buffer.from(renderHtml(model), 'utf8');
  }
}

export async function exportDocument(
  db: Kysely<Database>,
  content: DocumentContent,
  actor: Actor,
  id: string,
  format: DocumentExportFormat,
  today: string,
  ip?: string,
): Promise<ExportedFile> {
  const model = await loadExportModel(db, content, actor, id, today, ip);
  const data = await render(model, format);
  await recordAudit(db, { actorUserId: actor.userId, action: 'document.exported', objectType: 'document', objectId: id, details: { format, bytes: data.length }, ip });
  return { data, contentType: CONTENT_TYPES[format], filename: safeFileName(model.title, format) };
}
