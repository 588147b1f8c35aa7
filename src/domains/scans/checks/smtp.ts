/**
 * SMTP client for STARTTLS (RFC 3207): plain TCP, read the banner, EHLO, STARTTLS, and hand the
 * socket over to TLS. Replies are bounded in size so a hostile server cannot make us buffer much.
 */
import net from 'node:net';
import { errorCode, errorMessage, ProbeTimeoutError } from './util.ts';

const MAX_REPLY_BYTES = 64 * 1024;

export interface SmtpReply {
  code: number;
  lines: string[];
}

export class SmtpError extends Error {
  readonly code: string;
  /** The stage that failed: connect, banner, ehlo, starttls. */
  readonly stage: string;
  readonly reply?: SmtpReply;
  constructor(stage: string, code: string, message: string, reply?: SmtpReply) {
    super(message);
    this.stage = stage;
    this.code = code;
    if (reply) this.reply = reply;
  }
}

class ReplyReader {
  private buffer = '';
  private waiting: ((reply: SmtpReply) => void) | undefined;
  private failure: ((error: Error) => void) | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.buffer += chunk.toString('latin1');
    if (this.buffer.length > MAX_REPLY_BYTES) {
      this.failure?.(new SmtpError('reply', 'EREPLYTOOLONG', 'SMTP reply exceeds 64 KiB'));
      return;
    }
    this.flush();
  };

  constructor(private readonly socket: net.Socket) {
    socket.on('data', this.onData);
  }

  private flush(): void {
    if (!this.waiting) return;
    const lines = this.buffer.split('\r\n');
    // The last element is an incomplete line (or '' after a final CRLF).
    const complete = lines.slice(0, -1);
    const endIndex = complete.findIndex((line) => /^\d{3}(?: |$)/.test(line));
    if (endIndex === -1) return;
    const replyLines = complete.slice(0, endIndex + 1);
    this.buffer = lines.slice(endIndex + 1).join('\r\n');
    const code = Number(replyLines[endIndex]!.slice(0, 3));
    const resolve = this.waiting;
    this.waiting = undefined;
    this.failure = undefined;
    resolve({ code, lines: replyLines.map((line) => line.slice(4)) });
  }

  read(stage: string, timeoutMs: number): Promise<SmtpReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new ProbeTimeoutError(`SMTP ${stage}`, timeoutMs));
      }, timeoutMs);
      this.waiting = (reply) => {
        clearTimeout(timer);
        resolve(reply);
      };
      this.failure = (error) => {
        clearTimeout(timer);
        this.waiting = undefined;
        reject(error);
      };
      this.flush();
    });
  }

  fail(error: Error): void {
    this.failure?.(error);
  }

  detach(): void {
    this.socket.off('data', this.onData);
  }
}

export interface StartTlsSession {
  /** Plain socket right after the server's 220 to STARTTLS, ready for tls.connect({ socket }). */
  socket: net.Socket;
  banner: string[];
  ehlo: string[];
}

export interface SmtpOptions {
  ehloName: string;
  timeoutMs: number;
}

function connect(address: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SmtpError(
          'connect',
          'CONNECT_TIMEOUT',
          `no connection to ${address}:${port} within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new SmtpError('connect', errorCode(error), errorMessage(error)));
    });
  });
}

/** Result of the plain-text part: what the server offered, and the socket when STARTTLS was accepted. */
export type SmtpDialogue =
  | { startTls: true; session: StartTlsSession }
  | { startTls: false; banner: string[]; ehlo: string[]; reason: string };

/** Banner → EHLO → STARTTLS. Resolves with the socket ready for TLS or with why not; throws SmtpError on failure. */
export async function smtpStartTls(
  address: string,
  port: number,
  options: SmtpOptions,
): Promise<SmtpDialogue> {
  const socket = await connect(address, port, options.timeoutMs);
  const reader = new ReplyReader(socket);
  const onError = (error: Error) => reader.fail(new SmtpError('io', errorCode(error), errorMessage(error)));
  const onClose = () => reader.fail(new SmtpError('io', 'ECONNRESET', 'server closed the connection'));
  socket.on('error', onError);
  socket.on('close', onClose);
  try {
    const banner = await reader.read('banner', options.timeoutMs);
    if (banner.code !== 220) throw new SmtpError('banner', 'EBANNER', `banner ${banner.code}`, banner);
    socket.write(`EHLO ${options.ehloName}\r\n`);
    const ehlo = await reader.read('EHLO', options.timeoutMs);
    if (ehlo.code !== 250) throw new SmtpError('ehlo', 'EEHLO', `EHLO answered ${ehlo.code}`, ehlo);
    const offered = ehlo.lines.slice(1).some((line) => /^STARTTLS\b/i.test(line.trim()));
    if (!offered) {
      socket.write('QUIT\r\n');
      socket.end();
      return {
        startTls: false,
        banner: banner.lines,
        ehlo: ehlo.lines,
        reason: 'STARTTLS not in the EHLO reply',
      };
    }
    socket.write('STARTTLS\r\n');
    const ready = await reader.read('STARTTLS', options.timeoutMs);
    if (ready.code !== 220) {
      socket.write('QUIT\r\n');
      socket.end();
      return {
        startTls: false,
        banner: banner.lines,
        ehlo: ehlo.lines,
        reason: `STARTTLS answered ${ready.code} ${ready.lines.join(' ')}`.trim(),
      };
    }
    reader.detach();
    socket.off('error', onError);
    socket.off('close', onClose);
    return { startTls: true, session: { socket, banner: banner.lines, ehlo: ehlo.lines } };
  } catch (error) {
    reader.detach();
    socket.destroy();
    throw error;
  }
}
