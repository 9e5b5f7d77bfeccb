/**
 * The mail transport: real SMTP when SMTP_URL is set; otherwise a local mailbox, one .eml file per
 * message under data/mail/, that a developer reads at /dev/mail (never in production).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailTransport } from './types.ts';

export function createMailTransport(o: { smtpUrl: string | undefined; mailDir: string }): MailTransport {
  if (o.smtpUrl) {
    const url = new URL(o.smtpUrl);
    return nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async sendMail(message) {
      const info = (await stream.sendMail(message)) as { message: Buffer };
      mkdirSync(o.mailDir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.messageId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40)}.eml`;
      writeFileSync(join(o.mailDir, name), info.message, { mode: 0o600 });
      return info;
    },
  };
}
