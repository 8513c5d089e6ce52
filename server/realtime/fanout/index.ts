import { commentFanout } from './comments.ts';
import { cycleFanout } from './cycles.ts';
import { documentFanout } from './documents.ts';
import { notificationFanout } from './notifications.ts';
import { sessionFanout } from './sessions.ts';
import type { Fanout, FanoutContext } from './types.ts';

const FANOUTS: Fanout[] = [documentFanout, commentFanout, notificationFanout, sessionFanout, cycleFanout];

export function registerFanout(context: FanoutContext): () => void {
  const stops = FANOUTS.map((fanout) => fanout(context));
  return () => {
    for (const stop of stops) stop();
  };
}
