// A real SMTP server for tests (the `smtp-server` package) on a random local port: it keeps every
// message it accepts, decoded (RFC 2047 subject, base64 / quoted-printable text), and can answer the
// next messages with chosen reply codes (451 try later, 550 refused) to exercise retries.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  raw: string;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** Messages accepted (250), in order. */
  received: ReceivedMail[];
  /** Every DATA the server saw, accepted or not (a retry shows up here again). */
  attempts: number;
  /** Connections opened. */
  connections: number;
  /** Reply codes for the next messages, in order; an empty queue accepts. */
  replies: number[];
  close(): Promise<void>;
}

/** Decodes a header's RFC 2047 encoded words; adjacent words are joined byte-wise (a character may span two). */
export function decodeWords(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
    const bytes: Buffer[] = [];
    for (const [, , enc, text] of run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
      if (enc.toUpperCase() === 'B') bytes.push(Buffer.from(text, 'base64'));
      else bytes.push(qpBytes(text.replace(/_/g, ' ')));
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

function qpBytes(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(out);
}

/** A single-part text message as nodemailer writes it. */
export function parseMail(raw: string): { headers: Record<string, string>; subject: string; text: string; messageId: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? qpBytes(body.replace(/=\r\n/g, '')).toString('utf8')
        : body;
  return { headers, subject: decodeWords(headers.subject ?? ''), text: text.replace(/\r\n/g, '\n').replace(/\n$/, ''), messageId: headers['message-id'] ?? '' };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const state: Omit<TestSmtp, 'url' | 'close'> = { received: [], attempts: 0, connections: 0, replies: [] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      state.connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.attempts++;
        const reply = state.replies.shift();
        if (reply && reply >= 400) {
          const error = Object.assign(new Error(reply >= 500 ? 'Message refused' : 'Try again later'), { responseCode: reply });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
