import { query } from './client.ts';
import type { ExportRequest, ReportRequest, SheetRequest } from '../../../shared/api/schemas/files.ts';

/** Downloads are links, not fetches: their addresses, with the query the server parses (server/routes/files.ts). */
export const downloads = {
  document: (documentId: string, format: ExportRequest['format']) => `/api/documents/${documentId}/export${query({ format } satisfies ExportRequest)}`,
  measures: (documentId: string, format: SheetRequest['format']) => `/api/documents/${documentId}/measures/export${query({ format } satisfies SheetRequest)}`,
  followUpReport: (request: ReportRequest) => `/api/reports/follow-up${query(request)}`,
};
