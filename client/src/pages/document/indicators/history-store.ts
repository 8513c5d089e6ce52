import { createSignal, type Accessor } from 'solid-js';
import { indicatorHistory, type IndicatorHistoryEntry } from '../../../api/indicators.ts';
import { useResync, useServerEvent } from '../../../realtime/socket.ts';

export interface IndicatorHistoryStore {
  /** the recorded values of a measure, oldest first */
  of(measureId: string): IndicatorHistoryEntry[];
  loaded: Accessor<boolean>;
}

/**
 * The history of every indicator of one document, fetched once and again whenever the server
 * records a value (measure:indicator_recorded) or the socket comes back. Fetches that would
 * overlap are coalesced: one runs, one more follows if something was recorded meanwhile.
 */
export function createIndicatorHistory(documentId: string): IndicatorHistoryStore {
  const [byMeasure, setByMeasure] = createSignal(new Map<string, IndicatorHistoryEntry[]>());
  const [loaded, setLoaded] = createSignal(false);
  let running = false;
  let again = false;
  const load = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const entries = await indicatorHistory.ofDocument(documentId);
      const grouped = new Map<string, IndicatorHistoryEntry[]>();
      for (const entry of entries) grouped.set(entry.measureId, [...(grouped.get(entry.measureId) ?? []), entry]);
      setByMeasure(grouped);
      setLoaded(true);
    } catch {
      // The charts keep what they had; the next event or resync fetches again.
    } finally {
      running = false;
      if (again) {
        again = false;
        void load();
      }
    }
  };
  void load();
  useServerEvent('measure:indicator_recorded', (event) => event.documentId === documentId && void load());
  useResync(() => void load());
  const empty: IndicatorHistoryEntry[] = [];
  return { of: (measureId) => byMeasure().get(measureId) ?? empty, loaded };
}
