import { z } from 'zod';
import { text, uuid } from './common.ts';

export const createVersionSchema = z.strictObject({ name: text(200) });

export const versionParams = z.object({ id: uuid, versionId: uuid });
