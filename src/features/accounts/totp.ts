/**
 * TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), written out here because it is twenty
 * lines over node:crypto and checked against the RFC's test vectors. A code is accepted for the
 * current step and one step either side (clock drift). The shared secret is stored encrypted with
 * AES-256-GCM under a key derived from MASTER_KEY.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { deriveKey, safeEqual } from './crypto.ts';

export const STEP_SECONDS = 30;
const DIGITS = 6;
const WINDOW = 1;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new 160-bit secret (the size RFC 4226 recommends). */
export function generateSecret(): Buffer {
  return randomBytes(20);
}

/** RFC 4648 base32 without padding: what authenticator apps read. */
export function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Reads RFC 4648 base32 (spaces ignored), as an authenticator app reads the typed key. */
export function fromBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.toUpperCase().replace(/\s+/g, '')) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code for one time step (HOTP of the step counter). */
export function codeAt(secret: Buffer, step: number, algorithm = 'sha1', digits = DIGITS): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac(algorithm, secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / STEP_SECONDS);

/** The step whose code this is (now, or one step either side), or undefined. */
export function matchingStep(secret: Buffer, code: string, now: Date): number | undefined {
  const typed = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(typed)) return undefined;
  const current = stepAt(now);
  let found: number | undefined;
  // Every candidate is compared (no early exit), in constant time.
  for (let step = current - WINDOW; step <= current + WINDOW; step++)
    if (safeEqual(codeAt(secret, step), typed) && found === undefined) found = step;
  return found;
}

export function otpauthUri({ secret, account }: { secret: Buffer; account: string }): string {
  const label = encodeURIComponent(`Igualdad:${account}`);
  return `otpauth://totp/${label}?secret=${base32(secret)}&issuer=Igualdad&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;
}

const keyFor = (masterKey: string) => deriveKey(masterKey, 'totp secret v1');

/** "v1.iv.tag.ciphertext", base64url. */
export function encryptSecret(masterKey: string, secret: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(masterKey), iv);
  const data = Buffer.concat([cipher.update(secret), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptSecret(masterKey: string, stored: string): Buffer {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(masterKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
}

/** Ten one-time recovery codes, 60 bits each, shown as XXXX-XXXX-XXXX. */
export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const code = base32(randomBytes(8)).slice(0, 12);
    return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
  });
}

/** What a typed recovery code is compared as: upper case, no spaces or hyphens. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}
