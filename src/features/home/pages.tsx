/** The home page: what this is, a search box, jurisdictions, topics, recent changes. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';
import { Layout } from '../../web/layout.tsx';

export function homePages({ config }: Services, app: Hono<AppEnv>) {
  app.get('/', (c) => {
    const ctx = c.get('page');
    const { t } = ctx;
    return c.html(
      <Layout
        ctx={ctx}
        title={t('site.name')}
        description={t('site.tagline')}
        section="home"
        baseUrl={config.baseUrl}
      >
        <h1>{t('site.name')}</h1>
        <p class="lead">{t('site.tagline')}</p>
      </Layout>,
    );
  });
}
