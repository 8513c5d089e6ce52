import { z } from 'zod';
import { text, uuid } from './common.ts';

export const createVersionSchema = z.strictObject({ name: text(200) });

export const versionParams = z.object({ id: uuid, versionId: uuid });

/** `against`: the current document (default) or another version of the same document. */
export const versionDiffQuery = z.object({ against: z.union([z.literal('current'), uuid]).default('current') });

/** A restore takes no options; unknown fields are refused rather than silently ignored. */
export const restoreVersionSchema = z.strictObject({});

export type CreateVersionRequest = z.input<typeof createVersionSchema>;
export type VersionDiffRequest = z.input<typeof versionDiffQuery>;
