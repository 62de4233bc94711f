// HTTP spoken by hand over a loopback socket, for what fetch cannot send: a Host header of the
// test's choosing, headers that never finish, a body announced but never sent.

import net from 'node:net';

export interface RawExchange {
  /** Everything the server sent before the connection closed. */
  received: string;
  /** The status line's code, if the server answered at all. */
  status?: number;
  /** Milliseconds from connecting to the server's closing the connection. */
  closedAfterMs: number;
}

/**
 * Sends `request` as it is and waits until the server closes the connection; `giveUpMs` later
 * the test's side closes it instead (so a server that holds it fails the test, not hangs it).
 */
export function rawExchange(port: number, request: string, giveUpMs = 5_000): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let received = '';
    let gaveUp = false;
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    socket.setTimeout(giveUpMs, () => {
      gaveUp = true;
      socket.destroy();
    });
    socket.on('close', () => {
      const code = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      resolve({ received, status: code ? Number(code) : undefined, closedAfterMs: gaveUp ? Infinity : performance.now() - started });
    });
  });
}

/** A request as text: the headers given, `Host` first, and the body when there is one. */
export function requestText(method: string, path: string, headers: Record<string, string>, body = ''): string {
  const lines = [`${method} ${path} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
