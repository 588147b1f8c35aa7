/** Small helpers shared by the probes. */

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs at most `concurrency` tasks at once; the rest wait in FIFO order. */
export function createLimiter(concurrency: number): Limiter {
  const max = Math.max(1, Math.floor(concurrency));
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) next();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** Maps `items` through `fn` with at most `concurrency` calls in flight; keeps the order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), items.length) }, worker));
  return results;
}

export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return 'ERROR';
}

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // OpenSSL messages carry file paths and addresses of the build; keep the first line only.
  return text.split('\n')[0]!.slice(0, 300);
}

/** Network errors that mean "nothing listens / unreachable" rather than a protocol problem. */
export const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
]);

export class ProbeTimeoutError extends Error {
  readonly code: string;
  constructor(what: string, ms: number, code = 'TIMEOUT') {
    super(`${what} timed out after ${ms} ms`);
    this.code = code;
  }
}

/** Keeps printable ASCII of a banner so evidence stays readable JSON. */
export function printable(buffer: Buffer, max = 200): string {
  return buffer
    .subarray(0, max)
    .toString('latin1')
    .replace(/[^\x20-\x7e\r\n\t]/g, '.')
    .trim();
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
