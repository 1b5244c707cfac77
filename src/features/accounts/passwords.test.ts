import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  hashPassword,
  needsRehash,
  passwordLength,
  verifyPassword,
} from './passwords.ts';

const check = (password: string, email = 'ana.lucia@example.org') =>
  checkPassword(password, { email, hasMfa: false });

describe('password policy', () => {
  it('asks for 15 characters without MFA and 12 with it, counting characters, not bytes', async () => {
    expect(await check('fourteen chars')).toBe('too_short');
    expect(await check('fifteen letters')).toBeUndefined();
    expect(passwordLength('contraseña ñandú')).toBe(16);
    expect(
      await checkPassword('twelve chars', { email: 'x@example.org', hasMfa: true }),
    ).toBeUndefined();
    expect(await check('x'.repeat(257))).toBe('too_long');
  });

  it('refuses the most common passwords, also with digits or symbols around them', async () => {
    for (const common of [
      'passwordpassword',
      'qwertyuiop123456',
      '1qaz2wsx3edc4rfv',
      'Password2024!!!!',
      '!!contraseña2025!!',
    ])
      expect(await check(common), common).toBe('common');
  });

  it('refuses repetition and the account email, and nothing else: no composition rules', async () => {
    expect(await check('aaaaaaaaaaaaaaaa')).toBe('repetitive');
    expect(await check('abcabcabcabcabcabc')).toBe('repetitive');
    expect(await check('ana.lucia is my name ok')).toBe('personal');
    for (const fine of [
      'maíz azul para el invierno',
      'all lower case words here',
      'ÑANDÚ Y COLIBRÍ JUNTOS',
    ])
      expect(await check(fine), fine).toBeUndefined();
  });
});

describe('argon2id', () => {
  it('hashes with m=19456 KiB, t=2, p=1 and verifies', async () => {
    const hash = await hashPassword('maíz azul para el invierno');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'maíz azul para el invierno')).toBe(true);
    // The same text typed with a decomposed accent is the same password (NFC).
    expect(await verifyPassword(hash, 'mai\u0301z azul para el invierno')).toBe(true);
    expect(await verifyPassword(hash, 'maiz azul para el invierno')).toBe(false);
    expect(needsRehash(hash)).toBe(false);
    expect(
      needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA'),
    ).toBe(true);
  });

  it('answers false, after the same work, when there is no hash', async () => {
    expect(await verifyPassword(null, 'anything at all here')).toBe(false);
  });
});
