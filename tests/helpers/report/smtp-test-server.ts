import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export type ReceivedMail = { envelopeTo: string[]; raw: Buffer; mail: ParsedMail };

export type TestSmtpServer = {
  port: number;
  received: ReceivedMail[];
  /** Logins tried (right or wrong): 0 means no password was ever sent to this server. */
  authAttempts(): number;
  /** Resolves when `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 that requires a login (plain text, as on a LAN relay: STARTTLS is
 * off so no certificate is needed) and keeps every message, parsed back with mailparser. The app sends
 * to such a server only when `smtp.noEncryption` is `true` (see `configureSmtp`).
 */
export async function startTestSmtpServer(opts: { user: string; pass: string; port?: number }): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let authAttempts = 0;
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 20 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      authAttempts += 1;
      if (auth.username === opts.user && auth.password === opts.pass) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, mail });
            cb();
          })
          .catch((err: Error) => cb(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    authAttempts: () => authAttempts,
    async waitFor(count, timeoutMs = 10_000) {
      const start = Date.now();
      while (received.length < count) {
        if (Date.now() - start > timeoutMs) throw new Error(`expected ${count} messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 nothing listens on (a mail server that is down): bind one, then free it. */
export async function closedSmtpPort(): Promise<number> {
  const s = await startTestSmtpServer({ user: 'nobody', pass: 'nothing' });
  await s.close();
  return s.port;
}
