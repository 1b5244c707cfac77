/**
 * `GET /{lang}/faq` (questions grouped by topic, searchable with `q`) and
 * `GET /{lang}/talking-points` (by audience, then by policy; `audience` filter).
 */
import { asc } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { audiences, type Audience } from '../../db/enums.ts';
import { topics } from '../../db/schema.ts';
import { pickName, pickText } from '../../lib/bilingual.ts';
import type { Tx } from '../../db/client.ts';
import type { Services } from '../../services.ts';
import type { PageContext } from '../../web/i18n.ts';
import { listFaqEntries, listTalkingPoints } from './queries.ts';
import { latestUpdate } from '../../web/last-updated.tsx';
import { cleanQuery, matchesQuery } from './text.tsx';
import { FaqPage, type FaqGroup, type FaqItem } from './views/faq.tsx';
import { TalkingPointsPage, type PointGroup } from './views/talking-points.tsx';

export function faqPages({ db, config }: Services, app: Hono<AppEnv>) {
  app.get('/faq', async (c) =>
    c.html(await renderFaqPage(db, c.get('page'), config.baseUrl, c.req.query('q'))),
  );

  app.get('/talking-points', async (c) =>
    c.html(
      await renderTalkingPointsPage(db, c.get('page'), config.baseUrl, c.req.query('audience')),
    ),
  );
}

/**
 * The FAQ page from the given database or transaction (the route, and the staff preview inside
 * the transaction that applies a draft and is rolled back).
 */
export async function renderFaqPage(
  db: Tx,
  ctx: PageContext,
  baseUrl: string,
  query: string | undefined,
) {
  const locale = ctx.locale;
  const other = locale === 'es' ? 'en' : 'es';
  const { q, truncated } = cleanQuery(query);
  const [rows, topicRows] = await Promise.all([
    listFaqEntries(db, {}),
    db.select().from(topics).orderBy(asc(topics.position), asc(topics.slug)),
  ]);
  const items: FaqItem[] = rows.map((row) => {
    const question = pickText(
      locale,
      row.questionEs,
      row.questionEn,
      row.questionEsState,
      row.questionEnState,
    );
    const answer = pickText(
      locale,
      row.answerEs,
      row.answerEn,
      row.answerEsState,
      row.answerEnState,
    );
    return {
      slug: row.slug,
      audience: row.audience,
      question: question.text,
      questionLang: question.state === 'missing' ? other : undefined,
      answer: answer.text,
      answerLang: answer.state === 'missing' ? other : undefined,
      topics: row.topics.map((t) => ({ slug: t.slug, name: pickName(locale, t) })),
      policies: row.policies.map((p) => ({
        slug: p.slug,
        title: pickText(locale, p.titleEs, p.titleEn).text,
      })),
    };
  });
  const shown = q ? items.filter((i) => matchesQuery(`${i.question}\n${i.answer}`, q)) : items;
  // Each entry appears once (its anchor is unique), under its first topic in topic order.
  const groups: FaqGroup[] = [
    ...topicRows.map((t) => ({ slug: t.slug, name: pickName(locale, t) })),
    { slug: '', name: ctx.t('faq.group.other') },
  ]
    .map((topic) => ({
      ...topic,
      items: shown.filter((i) => (i.topics[0]?.slug ?? '') === topic.slug),
    }))
    .filter((g) => g.items.length);
  return (
    <FaqPage
      ctx={ctx}
      baseUrl={baseUrl}
      view={{
        q,
        truncated,
        total: items.length,
        count: shown.length,
        groups,
        updatedAt: latestUpdate(rows),
      }}
    />
  );
}

/** The talking points page from the given database or transaction (see renderFaqPage). */
export async function renderTalkingPointsPage(
  db: Tx,
  ctx: PageContext,
  baseUrl: string,
  audienceParam: string | undefined,
) {
  const locale = ctx.locale;
  const other = locale === 'es' ? 'en' : 'es';
  const asked = (audienceParam ?? '').trim();
  const audience = (audiences as readonly string[]).includes(asked)
    ? (asked as Audience)
    : undefined;
  const ignored = asked && !audience ? asked.slice(0, 80) : undefined;
  const rows = await listTalkingPoints(db, { audience: audience ? [audience] : undefined });
  const groups: PointGroup[] = audiences
    .filter((a) => !audience || a === audience)
    .map((a) => {
      const byPolicy = new Map<string, PointGroup['policies'][number]>();
      for (const row of rows.filter((r) => r.audience === a)) {
        const text = pickText(locale, row.textEs, row.textEn, row.textEsState, row.textEnState);
        const [first, ...rest] = row.policies;
        const key = first?.slug ?? '';
        const group = byPolicy.get(key) ?? {
          slug: key,
          title: first ? pickText(locale, first.titleEs, first.titleEn).text : '',
          points: [],
        };
        group.points.push({
          slug: row.slug,
          text: text.text,
          lang: text.state === 'missing' ? other : undefined,
          alsoPolicies: rest.map((p) => ({
            slug: p.slug,
            title: pickText(locale, p.titleEs, p.titleEn).text,
          })),
        });
        byPolicy.set(key, group);
      }
      const policies = [...byPolicy.values()];
      // Points tied to no policy come last, as "general".
      policies.sort((x, y) => Number(!x.slug) - Number(!y.slug));
      return { audience: a, policies };
    })
    .filter((g) => g.policies.length);
  return (
    <TalkingPointsPage
      ctx={ctx}
      baseUrl={baseUrl}
      view={{ audience, ignored, count: rows.length, groups, updatedAt: latestUpdate(rows) }}
    />
  );
}
