/**
 * A real SMTP server (smtp-server) on loopback whose received messages are parsed back with
 * mailparser. It can be taken down and brought up again on the same port, to test outages.
 */
import { createServer, type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  port: number;
  url: string;
  messages: ParsedMail[];
  up(): Promise<void>;
  down(): Promise<void>;
  /** Waits until at least n messages arrived (or fails after the timeout). */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export async function startTestSmtp(opts: { startDown?: boolean } = {}): Promise<TestSmtp> {
  const port = await freePort();
  const messages: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, cb) {
        simpleParser(stream)
          .then((m) => {
            messages.push(m);
            cb();
          })
          .catch(cb);
      },
    });
  const smtp: TestSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async up() {
      if (server) return;
      server = make();
      await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    },
    async down() {
      if (!server) return;
      const s = server;
      server = null;
      await new Promise<void>((r) => s.close(() => r()));
    },
    async waitFor(n, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages at the SMTP server, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
  };
  if (!opts.startDown) await smtp.up();
  return smtp;
}
