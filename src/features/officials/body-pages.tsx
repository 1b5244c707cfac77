/**
 * Public pages about bodies and pairs of officials: `/{lang}/bodies/{slug}` (members and every
 * roll call as a table) and `/{lang}/officials/compare?a=&b=` (two officials side by side).
 * Registered before the officials pages, so `compare` is never read as an official's slug.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { notFound } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import { listBodyRollCalls, loadBody } from './body-queries.ts';
import {
  listCurrentTerms,
  listOfficialNames,
  listTrackedVotes,
  loadOfficial,
} from './official-queries.ts';
import { today } from './queries.ts';
import { choosePeriod, inPeriod, scorecard } from './scorecard.ts';
import { BodyPage } from './views/body.tsx';
import { ComparePage, type CompareView } from './views/compare.tsx';

export function bodyPages({ db, config }: Services, app: Hono<AppEnv>) {
  app.get('/bodies/:slug', async (c) => {
    const ctx = c.get('page');
    const body = await loadBody(db, c.req.param('slug').slice(0, 200));
    if (!body) throw notFound('body', { what: 'route' });
    const [members, rollCalls] = await Promise.all([
      listCurrentTerms(db, today(), body.slug),
      listBodyRollCalls(db, body.slug),
    ]);
    return c.html(
      <BodyPage ctx={ctx} baseUrl={config.baseUrl} view={{ body, members, rollCalls }} />,
    );
  });

  app.get('/officials/compare', async (c) => {
    const ctx = c.get('page');
    const query = c.req.query();
    const chosen = { a: (query.a ?? '').slice(0, 200), b: (query.b ?? '').slice(0, 200) };
    const choice = choosePeriod(query);
    const [people, a, b] = await Promise.all([
      listOfficialNames(db),
      chosen.a ? loadOfficial(db, chosen.a) : null,
      chosen.b ? loadOfficial(db, chosen.b) : null,
    ]);
    const unknown = [chosen.a && !a ? chosen.a : '', chosen.b && !b ? chosen.b : ''].filter(
      Boolean,
    );
    const view: CompareView = { people, chosen, unknown, pair: null, shared: [], choice };
    if (a && b) {
      const votes = await listTrackedVotes(db, [...new Set([a.slug, b.slug])]);
      const of = (slug: string) => votes.filter((v) => v.personSlug === slug);
      view.pair = [
        { official: a, score: scorecard(of(a.slug), choice.period) },
        { official: b, score: scorecard(of(b.slug), choice.period) },
      ];
      // Roll calls on policies that protect or harm, in the period, where both voted.
      const theirs = new Map(of(b.slug).map((v) => [v.eventId, v]));
      view.shared = of(a.slug).flatMap((va) => {
        const vb = theirs.get(va.eventId);
        return vb && va.stance !== 'mixed' && inPeriod(va.date, choice.period)
          ? [{ a: va, b: vb }]
          : [];
      });
    }
    const status = unknown.length ? 404 : choice.errors.length ? 400 : 200;
    return c.html(<ComparePage ctx={ctx} baseUrl={config.baseUrl} view={view} />, status);
  });
}
