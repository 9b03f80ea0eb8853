// A TCP port nobody listens on right now, for servers that need a fixed port number.
//
// The ports come from below the kernel's ephemeral range on purpose: a port the kernel hands out for
// `listen(0)` is also one it hands out to the next outgoing connection, so between choosing it and the
// server binding it, a dev server dialling itself (or any test beside it) could take it and the server
// would fail with EADDRINUSE. Below that range only a process that names the port can take it.
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** The first port the kernel hands out on its own (Linux's default when it cannot be read). */
function ephemeralStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const port = Number(low);
    return Number.isInteger(port) && port > 12_000 ? port : 32_768;
  } catch {
    return 32_768;
  }
}

const LOWEST = 10_000;
const HIGHEST = ephemeralStart() - 1;

function listen(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** `count` distinct free ports: all are held open until every one is chosen. */
export async function freePorts(count: number): Promise<number[]> {
  const held: net.Server[] = [];
  const span = HIGHEST - LOWEST + 1;
  // A random start keeps parallel test files from walking the same ports in the same order.
  let next = LOWEST + Math.floor(Math.random() * span);
  try {
    for (let tried = 0; held.length < count; tried++) {
      if (tried >= span) throw new Error(`no ${count} free ports between ${LOWEST} and ${HIGHEST}`);
      const server = await listen(next);
      if (server) held.push(server);
      next = LOWEST + ((next - LOWEST + 1 + Math.floor(Math.random() * 50)) % span);
    }
    return held.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}
