/** TCP connect probe with an optional short banner grab. */
import net from 'node:net';
import { errorCode, errorMessage, printable } from './util.ts';

export type PortState = 'open' | 'closed' | 'filtered' | 'error';

export interface PortProbeResult {
  port: number;
  state: PortState;
  /** First bytes the service sent on its own (FTP, Telnet, MySQL greet; Redis, PostgreSQL stay silent). */
  banner?: string;
  error?: string;
  durationMs: number;
}

export function probePort(
  address: string,
  port: number,
  options: { timeoutMs: number; bannerMs?: number },
): Promise<PortProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    let settled = false;
    let bannerTimer: NodeJS.Timeout | undefined;
    const finish = (value: Omit<PortProbeResult, 'durationMs' | 'port'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (bannerTimer) clearTimeout(bannerTimer);
      socket.destroy();
      resolve({ port, ...value, durationMs: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(
      () => finish({ state: 'filtered', error: `no answer within ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      const bannerMs = options.bannerMs ?? 0;
      if (bannerMs <= 0) {
        finish({ state: 'open' });
        return;
      }
      const chunks: Buffer[] = [];
      bannerTimer = setTimeout(() => finish({ state: 'open', ...bannerOf(chunks) }), bannerMs);
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (Buffer.concat(chunks).length >= 256) finish({ state: 'open', ...bannerOf(chunks) });
      });
      socket.once('end', () => finish({ state: 'open', ...bannerOf(chunks) }));
    });
    socket.on('error', (error) => {
      const code = errorCode(error);
      if (code === 'ECONNREFUSED') finish({ state: 'closed' });
      else if (code === 'ECONNRESET' && !settled && socket.connecting === false) finish({ state: 'open' });
      else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
        finish({ state: 'filtered', error: errorMessage(error) });
      else finish({ state: 'error', error: `${code}: ${errorMessage(error)}` });
    });
  });
}

function bannerOf(chunks: Buffer[]): { banner?: string } {
  if (chunks.length === 0) return {};
  const text = printable(Buffer.concat(chunks));
  return text ? { banner: text } : {};
}
