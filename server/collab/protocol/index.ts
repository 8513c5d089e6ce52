/**
 * Validation of everything a collaboration client sends, before Yjs or y-protocols decode it.
 * See README.md in this folder for what is checked, the limits, and why V2 is refused.
 */
export { validateUpdateV1, type UpdateExtent, type UpdateStats } from './update-v1.ts';
export { validateSyncMessage, MessageType, SyncType, type ClientMessage, type PartialFrameLimits } from './sync-message.ts';
export type { UpdateLimits } from './limits.ts';
