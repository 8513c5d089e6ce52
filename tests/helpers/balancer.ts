import net from 'node:net';

/**
 * A load balancer for tests with several processes: a TCP proxy that hands each new connection to
 * the first of its backends that accepts it, in order. Clients "of process A" connect through one
 * that prefers A; while A is down their reconnections land on the next one, as behind a real
 * balancer. Established connections stay where they are; `cut` ends them (a rebalance).
 */
export interface Balancer {
  url: string;
  /** ends every connection it carries to `port` (the clients reconnect, through the balancer) */
  cut(port: number): void;
  close(): Promise<void>;
}

export async function startBalancer(ports: readonly number[]): Promise<Balancer> {
  const open = new Set<{ client: net.Socket; upstream: net.Socket; port: number }>();
  const server = net.createServer((client) => {
    client.pause();
    client.on('error', () => {});
    const attempt = (index: number) => {
      if (index >= ports.length || client.destroyed) return client.destroy();
      const port = ports[index]!;
      const upstream = net.connect(port, '127.0.0.1');
      let connected = false;
      upstream.on('error', () => {
        if (!connected) attempt(index + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        const pair = { client, upstream, port };
        open.add(pair);
        const end = () => {
          open.delete(pair);
          client.destroy();
          upstream.destroy();
        };
        upstream.on('close', end);
        client.on('close', end);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut: (target) => {
      for (const pair of [...open]) if (pair.port === target) pair.upstream.destroy();
    },
    close: async () => {
      for (const pair of [...open]) pair.upstream.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
