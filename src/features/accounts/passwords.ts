/**
 * Passwords: argon2id through @node-rs/argon2 (m = 19 MiB, t = 2, p = 1, the OWASP baseline),
 * and the policy: at least 15 characters without MFA (12 with it), the most common passwords
 * refused, no composition rules (NIST SP 800-63B).
 */
import { hash, parseOptions, verify } from '@node-rs/argon2';

/** argon2id, version 0x13; `algorithm: 2` is Argon2id (an ambient const enum cannot be imported). */
export const ARGON2_OPTIONS = {
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MAX_PASSWORD_LENGTH = 256;

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

// Verified instead of a real hash when the account does not exist or has no password yet, so
// that answering takes as long as for a real account (no enumeration by timing).
let dummyHash: Promise<string> | undefined;

/** Verifies a password; with no stored hash, spends the same time and answers false. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('igualdad dummy password that no account has');
  const target = stored ?? (await dummyHash);
  let ok = false;
  try {
    ok = await verify(target, password.normalize('NFC'));
  } catch {
    ok = false;
  }
  return ok && stored !== null;
}

/** True when a stored hash uses weaker parameters than today's, so it is replaced at sign-in. */
export function needsRehash(stored: string): boolean {
  try {
    const o = parseOptions(stored);
    return (
      o.algorithm !== ARGON2_OPTIONS.algorithm ||
      o.memoryCost < ARGON2_OPTIONS.memoryCost ||
      o.timeCost < ARGON2_OPTIONS.timeCost
    );
  } catch {
    return true;
  }
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'repetitive' | 'personal';

let common: Set<string> | undefined;

/** The ~49,000 most common passwords (zxcvbn-ts list), plus words of this project, lower case. */
async function commonPasswords(): Promise<Set<string>> {
  if (common) return common;
  // A CommonJS package: Node gives its named exports, a bundle may give them only on `default`.
  const language =
    (await import('@zxcvbn-ts/language-common')) as typeof import('@zxcvbn-ts/language-common') & {
      default?: typeof import('@zxcvbn-ts/language-common');
    };
  const dictionary = language.dictionary ?? language.default!.dictionary;
  common = new Set([
    ...dictionary['passwords-common'].map((p) => p.toLowerCase()),
    ...PROJECT_WORDS,
  ]);
  return common;
}

// Words anyone would guess first for this site, in both languages.
const PROJECT_WORDS = [
  'igualdad',
  'contraseña',
  'contrasena',
  'password',
  'inmigrante',
  'inmigrantes',
  'immigrant',
  'immigrants',
  'albuquerque',
  'nuevomexico',
  'newmexico',
  'bernalillo',
  'sisepuede',
  'dignidad',
];

/** Code points, not UTF-16 units: "contraseña" is 10 characters. */
export const passwordLength = (password: string) => [...password.normalize('NFC')].length;

/**
 * The first problem with a new password, or undefined when it is acceptable. `email` refuses
 * passwords built on the account's own address.
 */
export async function checkPassword(
  password: string,
  options: { email: string; hasMfa: boolean },
): Promise<PasswordProblem | undefined> {
  const length = passwordLength(password);
  if (length < minimumPasswordLength(options.hasMfa)) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.normalize('NFC').toLowerCase();
  const list = await commonPasswords();
  // A common password with digits or symbols around it ("Password2024!") is still common.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (list.has(lower) || (core.length >= 4 && list.has(core))) return 'common';
  if (/^(.{1,8}?)\1+$/su.test(lower)) return 'repetitive';
  const repeated = /^(.+?)\1+$/su.exec(core);
  if (repeated && list.has(repeated[1]!)) return 'common';
  const local = options.email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'personal';
  return undefined;
}

export function minimumPasswordLength(hasMfa: boolean): number {
  return hasMfa ? 12 : 15;
}
