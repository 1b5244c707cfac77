/**
 * The email transport for now: each message is written as an RFC 5322 .eml file into the
 * outbox folder (IGUALDAD_DATA_DIR/outbox), readable only by the app's user. An SMTP transport
 * will replace it with the same `sendMail` signature.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text, UTF-8. */
  text: string;
  /** Primary language of the message (the other one follows in the body). */
  language: 'es' | 'en';
}

export interface MailOptions {
  outboxDir: string;
  /** The public address; the sender is no-reply@ its host. */
  baseUrl: string;
  now: Date;
}

/** Writes the message; resolves to the file's path. */
export async function sendMail(message: MailMessage, options: MailOptions): Promise<string> {
  await mkdir(options.outboxDir, { recursive: true, mode: 0o700 });
  const host = new URL(options.baseUrl).hostname || 'localhost';
  const id = `${options.now.getTime()}-${randomBytes(6).toString('hex')}`;
  const headers = [
    `From: Igualdad <no-reply@${host}>`,
    `To: ${headerSafe(message.to)}`,
    `Subject: ${encodeWord(message.subject)}`,
    `Date: ${options.now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${id}@${host}>`,
    `Content-Language: ${message.language}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    'Auto-Submitted: auto-generated',
  ];
  const body = (
    Buffer.from(message.text.replace(/\r?\n/g, '\r\n'), 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
  const file = path.join(options.outboxDir, `${id}.eml`);
  // Written beside, then renamed: a relay picking files up never reads half a message.
  const staging = `${file}.tmp`;
  await writeFile(staging, `${headers.join('\r\n')}\r\n\r\n${body}\r\n`, { mode: 0o600 });
  await rename(staging, file);
  return file;
}

/** RFC 2047 encoded word for non-ASCII header text. */
function encodeWord(text: string): string {
  const clean = headerSafe(text);
  return /^[\x20-\x7e]*$/.test(clean)
    ? clean
    : `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}

/** No line breaks in headers (header injection). */
function headerSafe(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Reads the plain-text body of an .eml this module wrote (tests, and operators' tools). */
export function readEmlText(eml: string): { headers: string; text: string } {
  const split = eml.indexOf('\r\n\r\n');
  return {
    headers: eml.slice(0, split),
    text: Buffer.from(eml.slice(split + 4).replace(/\r\n/g, ''), 'base64').toString('utf8'),
  };
}
