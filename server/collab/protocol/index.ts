/**
 * Validation of everything a collaboration client sends, before Yjs or y-protocols decode it.
 * See README.md in this folder for what is checked, the limits, and why V2 is refused.
 */
export { validateUpdateV1, type UpdateExtent, type UpdateStats, type UpdateValidation } from './update-v1.ts';
export { validateStateVector, type StateVectorValidation } from './state-vector.ts';
export { validateAwarenessUpdate, type AwarenessEntry, type AwarenessValidation } from './awareness.ts';
export {
  validateSyncMessage,
  MessageType,
  SyncType,
  type ClientMessage,
  type ClientMessageKind,
  type PartialFrameLimits,
  type SyncMessageValidation,
} from './sync-message.ts';
export {
  DEFAULT_AWARENESS_LIMITS,
  DEFAULT_FRAME_LIMITS,
  DEFAULT_UPDATE_LIMITS,
  type AwarenessLimits,
  type FrameLimits,
  type UpdateLimits,
} from './limits.ts';
