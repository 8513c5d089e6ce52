import { z } from 'zod';

/** GET /api/notifications */
export const listNotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListNotificationsRequest = z.input<typeof listNotificationsQuery>;
