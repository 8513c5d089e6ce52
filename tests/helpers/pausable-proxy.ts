import net from 'node:net';

/**
 * A TCP proxy in front of a server (PostgreSQL) that the test can pause: connections stay open
 * and nothing passes either way, as when a database host freezes or the network drops packets.
 * Nothing is refused or reset, so only a timeout notices. Connections opened while it is paused
 * (a pool replacing the ones it gave up on) are accepted and pass nothing either.
 */
export interface PausableProxy {
  port: number;
  pause(): void;
  /** drops every connection, and refuses new ones until `resume`: a network that fails outright, not one that freezes */
  cut(): void;
  resume(): void;
  close(): Promise<void>;
}

type Link = { client: net.Socket; upstream: net.Socket };

export async function startPausableProxy(targetHost: string, targetPort: number): Promise<PausableProxy> {
  let paused = false;
  let cut = false;
  const links = new Set<Link>();
  // `pipe` resumes its source, and resumes it again whenever the other side drains: a paused link
  // is therefore unpiped, not only paused (it once let a pool's new connection through a "paused"
  // proxy, and the database seemed to answer in the middle of an outage).
  const flow = ({ client, upstream }: Link) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const hold = ({ client, upstream }: Link) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
  const server = net.createServer((client) => {
    if (cut) return void client.destroy();
    const link = { client, upstream: net.connect(targetPort, targetHost) };
    links.add(link);
    for (const socket of [link.client, link.upstream]) {
      socket.on('close', () => links.delete(link));
      socket.on('error', () => {
        link.client.destroy();
        link.upstream.destroy();
      });
    }
    if (paused) hold(link);
    else flow(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    pause() {
      if (paused) return;
      paused = true;
      for (const link of links) hold(link);
    },
    cut() {
      cut = true;
      for (const link of links) {
        link.client.destroy();
        link.upstream.destroy();
      }
    },
    resume() {
      cut = false;
      if (!paused) return;
      paused = false;
      for (const link of links) flow(link);
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
