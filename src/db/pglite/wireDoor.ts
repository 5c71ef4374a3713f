import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import net from 'node:net';
import { ZavaError } from '../../errors.js';
import type { WireDoor, WireDoorOptions } from '../port.js';
import type { WireConnection, WireSessions } from './wireSessions.js';

/** psql, a GUI client and a script or two; each is served in turn by the one session. */
const MAX_CONNECTIONS = 16;

/**
 * The embedded database over the PostgreSQL wire protocol, on a TCP port in this
 * process: pglite-socket's handler reads the client's messages (and answers its
 * SSL and cancel requests); WireSessions decides when they may reach PGlite.
 * PGlite has no authentication: whoever reaches the port is the owner.
 */
export async function openPgliteWireDoor(sessions: WireSessions, { host, port, idleInTransactionMs }: WireDoorOptions): Promise<WireDoor> {
  const connections = new Map<number, WireConnection>();
  const handlers = new Set<PGLiteSocketHandler>();
  const closing = new Set<Promise<void>>();
  // The handler's queue is where messages leave it; ours hands them to the client's WireConnection.
  const queue = {
    enqueue: async (handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) => {
      const connection = connections.get(handlerId);
      if (!connection) throw new Error('the connection is closed');
      const reply = await connection.exchange(message);
      onData(reply);
      return reply.length;
    },
    clearQueueForHandler: () => undefined,
    clearTransactionIfNeeded: async (handlerId: number) => {
      const connection = connections.get(handlerId);
      connections.delete(handlerId);
      if (!connection) return;
      const closed = connection.close().catch(() => undefined);
      closing.add(closed);
      await closed;
      closing.delete(closed);
    },
    getQueueLength: () => 0,
  };
  const server = net.createServer((socket) => {
    if (handlers.size >= MAX_CONNECTIONS) {
      socket.end();
      return;
    }
    // pglite-socket types its queue as its own class; ours has the methods the handler calls.
    const handler = new PGLiteSocketHandler({ queryQueue: queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'], closeOnDetach: true });
    connections.set(
      handler.handlerId,
      sessions.open(
        {
          terminate: (bytes) => {
            if (socket.writable) socket.write(bytes);
            socket.destroy();
          },
        },
        idleInTransactionMs,
      ),
    );
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    void handler.attach(socket).catch(() => socket.destroy());
  });
  server.maxConnections = MAX_CONNECTIONS;
  const address = await listen(server, host, port);
  return {
    url: doorUrl(host, address.port),
    host,
    port: address.port,
    close: async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await Promise.all([...closing]);
      await stopped;
    },
  };
}

function listen(server: net.Server, host: string, port: number): Promise<net.AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, () => resolve(server.address() as net.AddressInfo));
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host} port ${port}`;
  if (error.code === 'EADDRINUSE') return new ZavaError('usage', `${where} is in use (EADDRINUSE), perhaps by a PostgreSQL server; pass another --port (0 picks a free one)`);
  if (error.code === 'EACCES') return new ZavaError('usage', `${where} needs privileges (EACCES); pass a --port above 1023`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new ZavaError('usage', `${host} is not an address of this machine (${error.code}); pass --host 127.0.0.1`);
  return new ZavaError('database_unavailable', `could not open the wire-protocol door on ${where}: ${error.message}`);
}

/** A URL any PostgreSQL client takes; no password (PGlite has none), the wildcard address named as the local one. */
function doorUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostPart = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `postgres://postgres@${hostPart}:${port}/postgres`;
}
