import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogs, negotiateLocale, translate } from './catalog.ts';

describe('message catalogs', () => {
  const es = Object.keys(catalogs.es).sort();
  const en = Object.keys(catalogs.en).sort();

  it('have the same keys in Spanish and English', () => {
    expect(
      es.filter((k) => !en.includes(k)),
      'missing in en',
    ).toEqual([]);
    expect(
      en.filter((k) => !es.includes(k)),
      'missing in es',
    ).toEqual([]);
  });

  it('pair every feature file: the same files and keys in messages/es and messages/en', () => {
    const dir = (l: string) => fileURLToPath(new URL(`./messages/${l}/`, import.meta.url));
    const files = (l: string) =>
      readdirSync(dir(l))
        .filter((f) => f.endsWith('.json'))
        .sort();
    expect(files('en')).toEqual(files('es'));
    for (const file of files('es')) {
      const keys = (l: string) =>
        Object.keys(JSON.parse(readFileSync(dir(l) + file, 'utf8'))).sort();
      expect(keys('en'), file).toEqual(keys('es'));
    }
  });

  it('hold valid ICU messages with the same placeholders in both languages', () => {
    const placeholders = (m: string, locale: string) => {
      const names = new Set<string>();
      const walk = (nodes: unknown[]) => {
        for (const node of nodes as {
          type: number;
          value?: unknown;
          options?: Record<string, { value: unknown[] }>;
        }[]) {
          if (node.type !== 0 && typeof node.value === 'string') names.add(node.value);
          for (const option of Object.values(node.options ?? {})) walk(option.value);
        }
      };
      walk(new IntlMessageFormat(m, locale).getAst());
      return [...names].sort();
    };
    for (const key of es) {
      const a = catalogs.es[key]!;
      const b = catalogs.en[key]!;
      expect(() => new IntlMessageFormat(a, 'es'), key).not.toThrow();
      expect(() => new IntlMessageFormat(b, 'en'), key).not.toThrow();
      expect(placeholders(a, 'es'), key).toEqual(placeholders(b, 'en'));
      expect(a.trim(), key).not.toBe('');
    }
  });

  it('formats plurals per language', () => {
    expect(translate('es', 'errors.invalid_parameter.detail', { count: 1, names: 'limit' })).toBe(
      'Un parámetro no es válido: limit.',
    );
    expect(translate('en', 'errors.invalid_parameter.detail', { count: 3, names: 'a, b, c' })).toBe(
      '3 parameters are not valid: a, b, c.',
    );
  });

  it('fails loudly on a missing key', () => {
    expect(() => translate('es', 'no.such.key')).toThrow(/missing message/);
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'es'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5, es;q=0.8', 'es'],
    ['de', 'es'],
    ['es;q=0, en;q=0.1', 'en'],
    ['garbage;;;q=x', 'es'],
  ] as const)('%s -> %s', (header, expected) => {
    expect(negotiateLocale(header, 'es')).toBe(expected);
  });
});
