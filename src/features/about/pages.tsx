/**
 * `GET /{lang}/about` (what Igualdad is, who keeps the data, how facts are verified, languages,
 * open data, open source) and `GET /{lang}/privacy` (exactly what the site keeps about visitors).
 * The privacy text states what src/app.ts (request log) and src/web/routes.ts (`lang` cookie) do.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';
import { VerificationMark } from '../../web/components.tsx';
import type { PageContext } from '../../web/i18n.ts';
import { Layout } from '../../web/layout.tsx';

const OPEN_DATA = [
  ['/api/v1/docs', 'about.data.docs'],
  ['/api/v1/export/popolo.json', 'about.data.popolo'],
  ['/api/v1/export/policies.csv', 'about.data.csv'],
] as const;

export function aboutPages({ config }: Services, app: Hono<AppEnv>) {
  app.get('/about', (c) => {
    const ctx = c.get('page');
    return c.html(<AboutPage ctx={ctx} baseUrl={config.baseUrl} />);
  });
  app.get('/privacy', (c) => {
    const ctx = c.get('page');
    const geocoder = config.geocoder && {
      service: config.geocoder.service,
      host: new URL(config.geocoder.url).host,
    };
    return c.html(<PrivacyPage ctx={ctx} baseUrl={config.baseUrl} geocoder={geocoder} />);
  });
}

function AboutPage({ ctx, baseUrl }: { ctx: PageContext; baseUrl: string }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('about.title')}
      description={t('about.lead')}
      section="about"
      baseUrl={baseUrl}
      styles={['faq.css']}
    >
      <div class="prose">
        <h1>{t('about.title')}</h1>
        <p class="lead">{t('about.lead')}</p>

        <h2>{t('about.who.title')}</h2>
        <p>{t('about.who.body')}</p>
        <p>{t('about.who.corrections')}</p>

        <h2>{t('about.verify.title')}</h2>
        <p>{t('about.verify.body')}</p>
        <dl class="card">
          <dt>
            <VerificationMark ctx={ctx} state="verified" /> {t('verification.verified')}
          </dt>
          <dd>{t('about.verify.verified')}</dd>
          <dt>
            <VerificationMark ctx={ctx} state="unverified" />
          </dt>
          <dd>{t('about.verify.unverified')}</dd>
        </dl>
        <p>{t('about.verify.sources')}</p>

        <h2>{t('about.languages.title')}</h2>
        <p>{t('about.languages.body')}</p>
        <p>{t('about.languages.missing')}</p>

        <h2>{t('about.data.title')}</h2>
        <p>{t('about.data.body')}</p>
        <ul>
          {OPEN_DATA.map(([path, label]) => (
            <li>
              <a href={path === '/api/v1/docs' ? `${path}?lang=${ctx.locale}` : path}>{t(label)}</a>{' '}
              <code>{path}</code>
            </li>
          ))}
        </ul>
        <p>{t('about.data.license')}</p>

        <h2>{t('about.source.title')}</h2>
        <p>{t('about.source.body')}</p>
        <p>
          <a href="https://www.gnu.org/licenses/agpl-3.0.html" hreflang="en">
            {t('about.source.license')}
          </a>
        </p>

        <h2>{t('about.your_privacy.title')}</h2>
        <p>
          {t('about.your_privacy.body')}{' '}
          <a href={ctx.href('/privacy')}>{t('about.your_privacy.link')}</a>
        </p>
      </div>
    </Layout>
  );
}

function PrivacyPage({
  ctx,
  baseUrl,
  geocoder,
}: {
  ctx: PageContext;
  baseUrl: string;
  /** The address service this server sends addresses to, when one is configured (decision 018). */
  geocoder?: { service: string; host: string } | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('about.privacy.title')}
      description={t('about.privacy.lead')}
      section="privacy"
      baseUrl={baseUrl}
      styles={['faq.css']}
    >
      <div class="prose">
        <h1>{t('about.privacy.title')}</h1>
        <p class="lead">{t('about.privacy.lead')}</p>

        <h2>{t('about.privacy.server.title')}</h2>
        <ul>
          <li>{t('about.privacy.server.accounts')}</li>
          <li>{t('about.privacy.server.analytics')}</li>
          <li>{t('about.privacy.server.third_parties')}</li>
          <li>{t('about.privacy.server.cache')}</li>
          <li>{t('about.privacy.server.location')}</li>
          {geocoder ? <li>{t('about.privacy.server.geocoder', geocoder)}</li> : null}
        </ul>

        <h2>{t('about.privacy.logs.title')}</h2>
        <p>{t('about.privacy.logs.body')}</p>
        <div class="table-wrap">
          <table>
            <caption>{t('about.privacy.logs.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('about.privacy.logs.col_field')}</th>
                <th scope="col">{t('about.privacy.logs.col_example')}</th>
              </tr>
            </thead>
            <tbody>
              {(['method', 'path', 'status', 'duration'] as const).map((field) => (
                <tr>
                  <th scope="row">{t(`about.privacy.logs.${field}`)}</th>
                  <td>
                    <code>{t(`about.privacy.logs.${field}_example`)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t('about.privacy.logs.never')}</p>

        <h2>{t('about.privacy.cookie.title')}</h2>
        <p>{t('about.privacy.cookie.body')}</p>
        <div class="table-wrap">
          <table>
            <caption>{t('about.privacy.cookie.caption')}</caption>
            <tbody>
              {(['name', 'content', 'duration', 'flags', 'purpose'] as const).map((field) => (
                <tr>
                  <th scope="row">{t(`about.privacy.cookie.${field}`)}</th>
                  <td>{t(`about.privacy.cookie.${field}_value`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t('about.privacy.cookie.delete')}</p>

        <h2>{t('about.privacy.staff.title')}</h2>
        <p>{t('about.privacy.staff.account')}</p>
        <p>{t('about.privacy.staff.cookies')}</p>
        <p>{t('about.privacy.staff.records')}</p>

        <h2>{t('about.privacy.never.title')}</h2>
        <p>{t('about.privacy.never.body')}</p>
      </div>
    </Layout>
  );
}
