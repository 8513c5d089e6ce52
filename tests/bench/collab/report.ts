import type { Result, Value } from './scenarios/common.ts';
import { byRound } from './rounds.ts';
import { isTansiq, type Label } from './targets.ts';

/** Tables of a run (Tansiq / Hocuspocus / reference, with ratios and goals) and deltas against an older run. */

export type Results = Record<string, Partial<Record<Label, Result | null>>>;

interface Row {
  key: string;
  label: string;
  /** long text: printed under the table rather than in it */
  note?: boolean;
  better?: 'lower' | 'higher';
  /** the goal for Tansiq, given the better peer's value */
  goal?: { text: string; met(tansiq: number, peer: number | null): boolean };
}

const ratioGoal = (max: number) => ({ text: `≤ ${max}× peer`, met: (t: number, p: number | null) => p !== null && t <= max * p });
const absolute = (text: string, met: (t: number) => boolean) => ({ text, met: (t: number) => met(t) });

export const ROWS: Record<string, Row[]> = {
  steady: [
    { key: 'clients', label: 'clients' },
    { key: 'p50Ms', label: 'p50 edit → remote apply (ms)', better: 'lower' },
    { key: 'p99Ms', label: 'p99 (ms)', better: 'lower', goal: ratioGoal(0.5) },
    { key: 'maxMs', label: 'max (ms)', better: 'lower' },
    { key: 'deliveredPct', label: 'deliveries received (%)', better: 'higher' },
    { key: 'msgsInPerClientS', label: 'messages in per client/s', better: 'lower' },
    { key: 'msgsOutPerClientS', label: 'messages out per client/s', better: 'lower' },
    { key: 'kbInPerS', label: 'KB/s in (all clients)', better: 'lower' },
    { key: 'kbOutPerS', label: 'KB/s out (all clients)', better: 'lower' },
    { key: 'bytesInPerDelivery', label: 'bytes in per delivered edit', better: 'lower' },
    { key: 'serverCpuPct', label: 'server CPU (% of a core)', better: 'lower' },
    { key: 'serverCpuMsPer1kEdits', label: 'server CPU ms per 1000 edits', better: 'lower' },
    { key: 'serverRssMB', label: 'server RSS peak (MB)', better: 'lower' },
    { key: 'clientCpuPct', label: 'client processes CPU (% of a core)' },
    { key: 'failedOrLost', label: 'clients failed / dropped', better: 'lower' },
  ],
  ramp: [
    { key: 'sustainedClients', label: 'highest sustained clients', better: 'higher', goal: { text: '≥ 2× peer', met: (t, p) => p !== null && t > 0 && t >= 2 * p } },
    { key: 'p99AtSustainedMs', label: 'p99 there (ms)', better: 'lower' },
    { key: 'serverCpuPctAtSustained', label: 'server CPU there (%)', better: 'lower' },
    { key: 'serverRssMBAtSustained', label: 'server RSS there (MB)', better: 'lower' },
    { key: 'clientCpuPctAtSustained', label: 'client processes CPU there (%)' },
    { key: 'stoppedBecause', label: 'stopped because', note: true },
    { key: 'steps', label: 'steps (clients:p99 ms)', note: true },
  ],
  session: [
    { key: 'observers', label: 'observers' },
    { key: 'edits', label: 'edits measured' },
    { key: 'lastObserverP50Ms', label: 'p50 to last observer (ms)', better: 'lower' },
    { key: 'lastObserverP99Ms', label: 'p99 to last observer (ms)', better: 'lower' },
    { key: 'lastObserverMaxMs', label: 'max to last observer (ms)', better: 'lower' },
    { key: 'allObserversP99Ms', label: 'p99 over all deliveries (ms)', better: 'lower' },
    { key: 'incompleteEdits', label: 'edits some observer missed', better: 'lower' },
    { key: 'serverCpuPct', label: 'server CPU (%)', better: 'lower' },
    { key: 'clientCpuPct', label: 'client processes CPU (%)' },
    { key: 'msgsInPerObserverS', label: 'messages in per observer/s', better: 'lower' },
    { key: 'kbInPerObserverS', label: 'KB in per observer/s', better: 'lower' },
  ],
  memory: [
    { key: 'documents', label: 'open documents' },
    { key: 'connections', label: 'connections' },
    { key: 'docEncodedBytes', label: 'document encoded size (bytes)' },
    { key: 'baselineMB', label: 'RSS idle (MB)', better: 'lower' },
    { key: 'withConnectionsMB', label: 'RSS with everything open (MB)', better: 'lower' },
    { key: 'kbPerIdleConnection', label: 'KB per idle connection', better: 'lower', goal: absolute('≤ 5 KB', (t) => t <= 5) },
    { key: 'kbPerOpenDocument', label: 'KB per open small document', better: 'lower', goal: absolute('≤ 80 KB', (t) => t <= 80) },
    { key: 'heapKbPerIdleConnection', label: 'of which JS heap per connection (KB)' },
    { key: 'heapKbPerOpenDocument', label: 'of which JS heap per document (KB)' },
  ],
  cold: [
    { key: 'database', label: 'store' },
    { key: 'historyUpdates', label: 'updates of history' },
    { key: 'encodedKB', label: 'encoded state (KB)' },
    { key: 'medianMs', label: 'connect → synced, median (ms)', better: 'lower', goal: absolute('< 50 ms', (t) => t < 50) },
    { key: 'minMs', label: 'min (ms)', better: 'lower' },
    { key: 'maxMs', label: 'max (ms)', better: 'lower' },
  ],
  durability: [
    { key: 'source', label: 'measured by' },
    { key: 'edits', label: 'edits' },
    { key: 'p50Ms', label: 'p50 arrival → committed (ms)', better: 'lower' },
    { key: 'p99Ms', label: 'p99 (ms)', better: 'lower', goal: absolute('< 20 ms', (t) => t < 20) },
    { key: 'maxMs', label: 'max (ms)', better: 'lower' },
    { key: 'sentP99Ms', label: 'p99 sent by the client → committed (ms)', better: 'lower' },
    { key: 'notCommitted', label: 'not committed by the end', better: 'lower' },
    { key: 'pollMs', label: 'one poll of the store (ms)' },
    { key: 'serverMetricP99Ms', label: 'server metric p99 (ms)', better: 'lower' },
  ],
  // npm run bench:capacity (protocol-level clients)
  check: [
    { key: 'stockEditsPerS', label: 'stock clients: edits/s in' },
    { key: 'wireEditsPerS', label: 'protocol-level: edits/s in' },
    { key: 'stockCpuMsPer1kEdits', label: 'stock: server CPU ms / 1000 edits' },
    { key: 'wireCpuMsPer1kEdits', label: 'protocol-level: server CPU ms / 1000 edits' },
    { key: 'stockBytesOutPerEdit', label: 'stock: bytes sent per edit' },
    { key: 'wireBytesOutPerEdit', label: 'protocol-level: bytes sent per edit' },
    { key: 'stockBytesInPerDelivery', label: 'stock: bytes received per delivery' },
    { key: 'wireBytesInPerDelivery', label: 'protocol-level: bytes received per delivery' },
    { key: 'stockMessagesInPerDelivery', label: 'stock: messages received per delivery' },
    { key: 'wireMessagesInPerDelivery', label: 'protocol-level: messages received per delivery' },
    { key: 'stockClientCpuPct', label: 'stock client processes CPU (%)' },
    { key: 'wireClientCpuPct', label: 'protocol-level client processes CPU (%)' },
    { key: 'wireOverStockEditsPerS', label: 'protocol-level ÷ stock: edits/s' },
    { key: 'wireOverStockCpuPer1k', label: 'protocol-level ÷ stock: CPU per edit' },
    { key: 'wireOverStockBytesOut', label: 'protocol-level ÷ stock: bytes out' },
    { key: 'wireOverStockBytesIn', label: 'protocol-level ÷ stock: bytes in' },
    { key: 'within10Pct', label: 'all within 10 %' },
    { key: 'cpuPer1kByWindow', label: 'CPU ms per 1000 edits, window by window', note: true },
  ],
  capacity: [
    { key: 'sustainedEditsPerS', label: 'edits/s in at p99 < 100 ms', better: 'higher', goal: { text: '≥ 2× peer', met: (t, p) => p !== null && t > 0 && t >= 2 * p } },
    { key: 'sustainedDeliveriesPerS', label: 'deliveries/s out there', better: 'higher' },
    { key: 'sustainedDocs', label: 'documents there' },
    { key: 'sustainedClients', label: 'clients there' },
    { key: 'p99AtSustainedMs', label: 'p99 there (ms)', better: 'lower' },
    { key: 'serverCpuPctAtSustained', label: 'server CPU there (%)' },
    { key: 'cpuMsPer1kAtSustained', label: 'server CPU ms per 1000 edits there', better: 'lower' },
    { key: 'cpuMsPer1kAtLastStep', label: 'server CPU ms per 1000 edits, last step', better: 'lower' },
    { key: 'mainCpuMsPer1kAtLastStep', label: 'of which the main thread (relay)', better: 'lower' },
    { key: 'serverRssMBAtSustained', label: 'server RSS there (MB)', better: 'lower' },
    { key: 'clientCpuPctAtSustained', label: 'client processes CPU there (%)' },
    { key: 'stoppedBecause', label: 'stopped because', note: true },
    { key: 'steps', label: 'steps (documents:edits/s:p99:CPU ms per 1000 edits (main thread))', note: true },
  ],
  connections: [
    { key: 'connections', label: 'connections synced' },
    { key: 'failed', label: 'failed to connect', better: 'lower' },
    { key: 'kbPerIdleConnection', label: 'KB per idle connection', better: 'lower', goal: absolute('≤ 5 KB', (t) => t <= 5) },
    { key: 'heapKbPerIdleConnection', label: 'of which JS heap per connection (KB)', better: 'lower' },
    { key: 'kbPerOpenDocument', label: 'KB per open document', better: 'lower' },
    { key: 'heapKbPerOpenDocument', label: 'of which JS heap per document (KB)', better: 'lower' },
    { key: 'rssWithAllMB', label: 'RSS with everything (MB)', better: 'lower' },
    { key: 'activeDocuments', label: 'active documents (1 edit/s per client)' },
    { key: 'activeP50Ms', label: 'p50 of the active (ms)', better: 'lower' },
    { key: 'activeP99Ms', label: 'p99 of the active (ms)', better: 'lower', goal: absolute('< 100 ms', (t) => t < 100) },
    { key: 'activeDeliveredPct', label: 'deliveries received (%)', better: 'higher' },
    { key: 'restartReadyS', label: 'restart: SIGTERM → ready (s)', better: 'lower' },
    { key: 'herdFirstBackS', label: 'SIGTERM → first client synced again (s)', better: 'lower' },
    { key: 'herdHalfSyncedS', label: 'herd: first client back → half synced (s)', better: 'lower' },
    { key: 'herdAllSyncedS', label: 'herd: first client back → every client synced (s)', better: 'lower', goal: absolute('≤ 10 s', (t) => t <= 10) },
    { key: 'herdNewProcessCpuS', label: 'new process CPU, start → all back or timeout (s)', better: 'lower' },
    { key: 'herdListenOverflows', label: 'SYNs dropped by a full accept queue (machine)', better: 'lower' },
    { key: 'herdSynced', label: 'clients back' },
    { key: 'editsLostAcrossRestart', label: 'edits lost across the restart', better: 'lower', goal: absolute('0', (t) => t === 0) },
    { key: 'note', label: 'restart', note: true },
  ],
  'cold-server': [
    { key: 'store', label: 'store' },
    { key: 'historyUpdates', label: 'updates of history' },
    { key: 'stateKB', label: 'full state sent (KB)' },
    { key: 'lastByteMedianMs', label: 'handshake done → last byte, median (ms)', better: 'lower', goal: absolute('< 10 ms', (t) => t < 10) },
    { key: 'lastByteMinMs', label: 'min (ms)', better: 'lower' },
    { key: 'lastByteMaxMs', label: 'max (ms)', better: 'lower' },
    { key: 'stockApplyMedianMs', label: 'stock client applying it, fresh process (ms)' },
  ],
  cluster: [
    { key: 'oneProcessEditsPerS', label: '1 process: edits/s at p99 < 100 ms' },
    { key: 'twoProcessesEditsPerS', label: '2 processes + Redis: edits/s' },
    { key: 'capacityRatio', label: '2 ÷ 1 capacity', goal: absolute('≥ 1.6', (t) => t >= 1.6) },
    { key: 'oneProcessP99Ms', label: '1 process: p99 (ms)' },
    { key: 'twoProcessesP99AtSameLoadMs', label: '2 processes: p99 at that load (ms)' },
    { key: 'p99Ratio', label: 'cross-process ÷ single p99', goal: absolute('≤ 1.5', (t) => t <= 1.5) },
    { key: 'oneProcessCpuMsPer1k', label: '1 process: CPU ms per 1000 edits' },
    { key: 'twoProcessesCpuMsPer1kAtSameLoad', label: '2 processes: CPU ms per 1000 edits (both), same load' },
    { key: 'oneProcessStopped', label: '1 process stopped because', note: true },
    { key: 'twoProcessesStopped', label: '2 processes stopped because', note: true },
    { key: 'oneProcessSteps', label: '1 process steps', note: true },
    { key: 'twoProcessesSteps', label: '2 processes steps', note: true },
  ],
  storage: [
    { key: 'editsPerDocument', label: 'edits per document' },
    { key: 'storedBytesPerDoc', label: 'stored bytes per document', better: 'lower' },
    { key: 'encodedBytesPerDoc', label: 'Y.encodeStateAsUpdate bytes', better: 'lower' },
    { key: 'storedOverEncoded', label: 'stored ÷ encoded', better: 'lower', goal: absolute('≤ 1.3', (t) => t <= 1.3) },
    { key: 'logRowsLeft', label: 'log rows left after compaction' },
    { key: 'completeDocs', label: 'stored documents with all edits' },
  ],
};

const num = (value: Value | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const show = (value: Value | undefined): string => (value === null || value === undefined ? 'n/a' : typeof value === 'number' ? String(value) : value);

function betterPeer(row: Row, results: Partial<Record<Label, Result | null>>): number | null {
  const values = (['hocuspocus', 'reference'] as const).map((label) => num(results[label]?.[row.key])).filter((v): v is number => v !== null);
  if (!values.length) return null;
  return row.better === 'higher' ? Math.max(...values) : Math.min(...values);
}

export function printScenario(name: string, title: string, results: Partial<Record<Label, Result | null>>, labels: Label[], print: (line: string) => void): void {
  const tansiqs = labels.filter(isTansiq);
  const header = ['metric', ...labels, ...tansiqs.map((l) => `${l} ÷ better peer`), 'goal'];
  const lines: string[][] = [];
  for (const row of (ROWS[name] ?? []).filter((r) => !r.note)) {
    const peer = betterPeer(row, results);
    const ratios = tansiqs.map((label) => {
      const t = num(results[label]?.[row.key]);
      return row.better && t !== null && peer !== null && peer !== 0 ? `${(t / peer).toFixed(2)}×` : '';
    });
    const goal = row.goal
      ? `${tansiqs
          .map((label) => {
            const t = num(results[label]?.[row.key]);
            return t === null ? '?' : row.goal!.met(t, peer) ? '✓' : '✗';
          })
          .join(' ')} ${row.goal.text}`
      : '';
    lines.push([row.label, ...labels.map((label) => (results[label] === null ? 'n/a' : show(results[label]?.[row.key]))), ...ratios, goal]);
  }
  const widths = header.map((h, i) => Math.min(i === 0 ? 34 : 40, Math.max(h.length, ...lines.map((l) => l[i]!.length))));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  print(`\n${name} — ${title}`);
  print(format(header));
  print(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) print(format(line));
  for (const row of (ROWS[name] ?? []).filter((r) => r.note)) {
    print(`${row.label}:`);
    for (const label of labels) if (results[label]) print(`  ${label.padEnd(10)} ${show(results[label]?.[row.key])}`);
  }
}

/** A repeated scenario's `metric` in each round, per server, and Tansiq ÷ the better peer of the same round. */
export function printRoundByRound(scenario: string, metric: string, rounds: Partial<Record<Label, Result[]>>, labels: Label[], print: (line: string) => void): void {
  const row = ROWS[scenario]?.find((candidate) => candidate.key === metric) ?? { key: metric, label: metric, better: 'lower' as const };
  print(`${metric} round by round (servers took turns in a rotating order):`);
  for (const label of labels) if (rounds[label]) print(`  ${label.padEnd(10)} ${byRound(rounds[label], metric)}`);
  for (const label of labels.filter((l) => isTansiq(l) && rounds[l])) {
    const ratios = rounds[label]!.map((result, i) => {
      const own = num(result[metric]);
      const peer = betterPeer(row, Object.fromEntries(labels.map((l) => [l, rounds[l]?.[i] ?? null])));
      return own !== null && peer ? `${(own / peer).toFixed(2)}×` : 'n/a';
    });
    print(`  ${label} ÷ better peer: ${ratios.join(' · ')}`);
  }
}

/** Deltas of every numeric metric between an older results file and this run. */
export function printComparison(old: Results, current: Results, print: (line: string) => void): void {
  print('\nCompared with the earlier run (old → new, change):');
  for (const [scenario, byLabel] of Object.entries(current)) {
    for (const [label, result] of Object.entries(byLabel)) {
      const before = old[scenario]?.[label as Label];
      if (!result || !before) continue;
      const parts: string[] = [];
      for (const row of ROWS[scenario] ?? []) {
        const a = num(before[row.key]);
        const b = num(result[row.key]);
        if (a === null || b === null || !row.better) continue;
        const change = a === 0 ? '' : ` (${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)}%)`;
        parts.push(`${row.key} ${a} → ${b}${change}`);
      }
      if (parts.length) print(`  ${scenario}/${label}: ${parts.join('; ')}`);
    }
  }
}
