import { describe, expect, it } from 'vitest';
import { useTestApp, getJson } from '../../../test/harness.ts';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; schema: Record<string, unknown> }[] }>
  >;
  components: { schemas: Record<string, unknown> };
};

describe('OpenAPI document and reference page', () => {
  const fixture = useTestApp('pglite', 'empty');

  it('is OpenAPI 3.1, generated from the request schemas', async () => {
    const res = await getJson<Doc>(fixture.app, '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of [
      '/policies',
      '/policies/{slug}',
      '/jurisdictions',
      '/jurisdictions/{id}',
      '/topics',
      '/faq',
      '/talking-points',
      '/export/popolo.json',
      '/export/policies.csv',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    const limit = res.body.paths['/policies']!.get!.parameters!.find((p) => p.name === 'limit');
    expect(limit?.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
    const lang = res.body.paths['/policies']!.get!.parameters!.find((p) => p.name === 'lang');
    expect(lang?.schema).toMatchObject({ enum: ['es', 'en'] });
    expect(res.body.components.schemas).toHaveProperty('PolicyDetail');
    expect(res.body.components.schemas).toHaveProperty('Problem');
  });

  it('has a reference page served by the app, in both languages, with no third-party assets', async () => {
    for (const [lang, title] of [
      ['es', 'Referencia de la API de Igualdad'],
      ['en', 'Igualdad API reference'],
    ]) {
      const res = await fixture.app.request(`/api/v1/docs?lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(title);
      expect(html).toContain('/api/v1/policies');
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('answers unknown addresses with a problem document', async () => {
    const res = await getJson<{ code: string }>(fixture.app, '/api/v1/nothing-here', {
      'accept-language': 'en',
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
