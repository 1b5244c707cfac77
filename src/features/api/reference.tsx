/**
 * `GET /api/v1/docs`: a human-readable API reference rendered on the server from the same
 * OpenAPI document, with no scripts and no third-party assets.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import type { Locale } from '../../config.ts';
import { translate } from '../../i18n/catalog.ts';

type Doc = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string | string[]; enum?: unknown[]; default?: unknown };
}
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: Param[];
  responses?: Record<string, { description?: string }>;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
code{background:#f2f2f2;padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}.table-wrap{overflow-x:auto}td{overflow-wrap:anywhere}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;border-bottom:1px solid #ddd;padding:.3rem .4rem;vertical-align:top}a{color:#0b4f8a}
a:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
@media (prefers-color-scheme:dark){body{background:#121212;color:#eee}code{background:#2a2a2a}a{color:#8cc4ff}th,td{border-color:#444}}`;

export function apiReferenceRoutes(app: OpenAPIHono<AppEnv>, getDocument: () => Doc) {
  app.get('/docs/style.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(STYLE);
  });
  app.get('/docs', (c) => {
    const locale = c.get('locale');
    return c.html(<Reference doc={getDocument()} locale={locale} />);
  });
}

function typeOf(schema: Param['schema']): string {
  if (!schema) return '';
  if (schema.enum) return schema.enum.join(' | ');
  return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? '');
}

function Reference({ doc, locale }: { doc: Doc; locale: Locale }) {
  const t = (key: string, values?: Record<string, string>) => translate(locale, key, values);
  const other = locale === 'es' ? 'en' : 'es';
  const paths = Object.entries(doc.paths ?? {}) as [string, Record<string, Operation>][];
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t('api.reference.title')}</title>
        <link rel="stylesheet" href="/api/v1/docs/style.css" />
      </head>
      <body>
        <header>
          <p>
            <a href={`/api/v1/docs?lang=${other}`} lang={other} hreflang={other}>
              {t('api.reference.language')}
            </a>
          </p>
          <h1>{t('api.reference.title')}</h1>
          <p>{t('api.reference.intro', { link: '/api/v1/openapi.json' })}</p>
        </header>
        <main>
          {paths.flatMap(([path, ops]) =>
            Object.entries(ops).map(([method, op]) => (
              <section id={`${method}-${path}`.replace(/[^a-z0-9]+/gi, '-')}>
                <h2>
                  <code>
                    {method.toUpperCase()} /api/v1{path}
                  </code>
                </h2>
                <p>{op.summary}</p>
                {op.parameters?.length ? (
                  <div class="table-wrap">
                    <table>
                      <caption>{t('api.reference.parameters')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('api.reference.name')}</th>
                          <th scope="col">{t('api.reference.in')}</th>
                          <th scope="col">{t('api.reference.type')}</th>
                          <th scope="col">{t('api.reference.description')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr>
                            <td>
                              <code>{p.name}</code>
                              {p.required ? ` (${t('api.reference.required')})` : ''}
                            </td>
                            <td>{p.in}</td>
                            <td>{typeOf(p.schema)}</td>
                            <td>{p.description ?? ''}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
                <h3>{t('api.reference.responses')}</h3>
                <ul>
                  {Object.entries(op.responses ?? {}).map(([status, r]) => (
                    <li>
                      <code>{status}</code> {r.description ?? ''}
                    </li>
                  ))}
                </ul>
              </section>
            )),
          )}
        </main>
      </body>
    </html>
  );
}
