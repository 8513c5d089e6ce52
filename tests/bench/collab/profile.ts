import fs from 'node:fs';
import path from 'node:path';

/** Reads a V8 .cpuprofile (node --cpu-prof) into self-time tables: by function and by area. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface ProfileSummary {
  file: string;
  busySamples: number;
  idlePct: number;
  functions: Array<{ name: string; selfPct: number }>;
  areas: Array<{ area: string; selfPct: number }>;
}

const AREAS: Array<[RegExp, string]> = [
  [/node_modules\/yjs\//, 'yjs'],
  [/node_modules\/lib0\//, 'lib0 (yjs encoding)'],
  [/node_modules\/y-protocols\//, 'y-protocols'],
  [/node_modules\/ws\//, 'ws'],
  [/node_modules\/@electric-sql\/pglite/, 'PGlite (WASM Postgres)'],
  [/node_modules\/(pg|pg-protocol|pg-pool)\//, 'pg driver'],
  [/node_modules\/kysely\//, 'kysely'],
  [/node_modules\/(pino|thread-stream|sonic-boom)/, 'logging'],
  [/node_modules\/prom-client\//, 'prom-client'],
  [/node_modules\/(socket\.io|engine\.io)/, 'socket.io'],
  [/node_modules\/(koa|@koa)/, 'koa'],
  [/node_modules\/tsx\//, 'tsx loader'],
  [/\/server\/collab\//, 'server/collab'],
  [/\/server\//, 'server (other)'],
  [/^wasm:\/\//, 'PGlite (WASM Postgres)'],
  [/node:internal\/modules/, 'module loading'],
  [/^node:|^internal/, 'node internals'],
  [/^$/, 'native (syscalls, socket writes)'],
];

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  for (const [pattern, area] of AREAS) if (pattern.test(url)) return area;
  return url.includes('node_modules') ? url.split('node_modules/')[1]!.split('/')[0]! : 'other';
}

export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples?: number[] };
  const hits = new Map<number, number>();
  if (profile.samples?.length) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  let idle = 0;
  let busy = 0;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (!count) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      idle += count;
      continue;
    }
    busy += count;
    const where = url
      ? `${url
          .replace(/^file:\/\//, '')
          .replace(/.*node_modules\//, '')
          .replace(/.*\/work\/[^/]+\//, '')}:${lineNumber + 1}`
      : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + count);
    byArea.set(areaOf(node), (byArea.get(areaOf(node)) ?? 0) + count);
  }
  const pct = (n: number) => Number(((n / Math.max(1, busy)) * 100).toFixed(1));
  const sorted = <K extends string>(map: Map<string, number>, key: K) =>
    [...map].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ [key]: name, selfPct: pct(n) }) as Record<K, string> & { selfPct: number });
  return {
    file: path.basename(file),
    busySamples: busy,
    idlePct: Number(((idle / Math.max(1, idle + busy)) * 100).toFixed(1)),
    functions: sorted(byFunction, 'name').slice(0, top),
    areas: sorted(byArea, 'area').slice(0, 12),
  };
}

export function printProfile(title: string, summary: ProfileSummary, print: (line: string) => void): void {
  const heap = summary.file.endsWith('.heapprofile');
  print(
    heap
      ? `\nLive heap allocated during ${title} (${summary.file}; ${summary.busySamples} KB sampled, after a full GC)`
      : `\nCPU profile of the Tansiq server — ${title} (${summary.file}; ${summary.busySamples} busy samples, idle ${summary.idlePct}%)`,
  );
  print(heap ? '  by area (live bytes):' : '  by area (self time, % of busy):');
  for (const { area, selfPct } of summary.areas) print(`    ${selfPct.toFixed(1).padStart(5)}%  ${area}`);
  print(heap ? '  top allocating functions (live bytes):' : '  top functions (self time):');
  for (const { name, selfPct } of summary.functions) print(`    ${selfPct.toFixed(1).padStart(5)}%  ${name}`);
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children?: HeapNode[];
}

/** A sampling heap profile (.heapprofile): live bytes by the function and area that allocated them. */
export function summarizeHeapProfile(file: string, top = 15): ProfileSummary {
  const { head } = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode };
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode) => {
    if (node.selfSize) {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url
        ? `${url
            .replace(/^file:\/\//, '')
            .replace(/.*node_modules\//, '')
            .replace(/.*\/work\/[^/]+\//, '')}:${lineNumber + 1}`
        : '';
      const name = `${functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
      const area = areaOf({ id: 0, callFrame: node.callFrame });
      byArea.set(area, (byArea.get(area) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(head);
  const pct = (n: number) => Number(((n / Math.max(1, total)) * 100).toFixed(1));
  return {
    file: path.basename(file),
    busySamples: Math.round(total / 1024),
    idlePct: 0,
    functions: [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name: `${name} (${(n / 1024).toFixed(0)} KB)`, selfPct: pct(n) })),
    areas: [...byArea]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([area, n]) => ({ area: `${area} (${(n / 1024).toFixed(0)} KB)`, selfPct: pct(n) })),
  };
}
