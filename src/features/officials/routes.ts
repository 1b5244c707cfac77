/**
 * `GET /api/v1/representatives?lat=&lon=`: the divisions holding a point and the officials whose
 * seats are in them today. The point is not stored or logged, and the answer is `no-store`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Locale } from '../../config.ts';
import * as e from '../../db/enums.ts';
import type { Services } from '../../services.ts';
import { langParam, problemResponses } from '../api/common.ts';
import { bodyEtag } from '../api/etag.ts';
import { parentOf } from '../divisions/list-import.ts';
import { coordinateQuery } from '../divisions/routes.ts';
import type { ContainingDivision } from '../divisions/lookup.ts';
import type { SeatHolder } from './queries.ts';
import { representationIndex } from './seat-index.ts';

const linkSchema = z.object({ url: z.string(), note: z.string().optional() });

const officialSchema = z
  .object({
    person: z.object({
      slug: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      contact_details: z.array(
        z.object({ type: z.string(), value: z.string(), label: z.string().optional() }),
      ),
      links: z.array(linkSchema),
    }),
    role: z
      .string()
      .nullable()
      .openapi({ description: 'As the source names it: upper, lower, governor...' }),
    party: z.string().nullable(),
    body: z.object({
      slug: z.string(),
      name: z.string(),
      classification: z.enum(e.bodyClassifications),
    }),
    post: z.object({ label: z.string(), division: z.string() }),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
  })
  .openapi('Representative');

const answerSchema = z.object({
  divisions: z.array(
    z.object({
      ocd_id: z.string(),
      name: z.string().nullable(),
      parent: z.string().nullable(),
    }),
  ),
  officials: z.array(officialSchema),
});

const route = createRoute({
  method: 'get',
  path: '/representatives',
  tags: ['Districts'],
  summary: 'Who represents a point: its divisions and the officials seated for them today',
  description:
    'Divisions come from the imported boundaries; officials from the imported terms (Open States, Legistar). The point is not stored or logged.',
  request: { query: z.object({ lang: langParam, ...coordinateQuery }) },
  responses: {
    200: {
      description: 'Divisions (broadest first) and their officials',
      content: {
        'application/json': {
          schema: answerSchema,
        },
      },
    },
    400: problemResponses[400],
  },
});

/**
 * A division's part of an answer as JSON text, in one language: its entry under `divisions` and
 * its officials' entries under `officials` (joined by commas; empty when none). Both depend only
 * on the data version and day, so each is made once per version, not once per request.
 */
interface Part {
  division: string;
  officials: string;
}

export function representativeRoutes(services: Services, app: OpenAPIHono<AppEnv>) {
  const represent = representationIndex(services.db, services.config);
  let parts = { key: '', byDivision: new Map<string, Part>() };
  const partOf = (division: ContainingDivision, seated: readonly SeatHolder[], locale: Locale) => {
    const which = `${locale}|${division.ocdId}`;
    let part = parts.byDivision.get(which);
    if (!part) {
      part = {
        division: JSON.stringify(presentDivision(division)),
        officials: seated.map((h) => JSON.stringify(presentOfficial(h, locale))).join(','),
      };
      parts.byDivision.set(which, part);
    }
    return part;
  };
  app.openapi(route, async (c) => {
    const { lat, lon } = c.req.valid('query');
    const locale = c.get('locale');
    const { divisions, seated, key } = await represent({ lat, lon });
    if (parts.key !== key) parts = { key, byDivision: new Map() };
    const answer = divisions.map((d, i) => partOf(d, seated[i]!, locale));
    // Exactly the text JSON.stringify gives for the whole answer (no spaces between parts).
    const body = `{"divisions":[${answer.map((p) => p.division).join(',')}],"officials":[${answer
      .map((p) => p.officials)
      .filter(Boolean)
      .join(',')}]}`;
    // What c.json would send, with no-store and the ETag the API's etag middleware would compute
    // (the SHA-1 of the body), given here so that the middleware does not read the body again.
    return c.body(body, 200, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      etag: bodyEtag(body),
    }) as unknown as TypedResponse<Answer, 200, 'json'>;
  });
}

type Answer = z.infer<typeof answerSchema>;

const presentDivision = (d: ContainingDivision): Answer['divisions'][number] => ({
  ocd_id: d.ocdId,
  name: d.name,
  parent: parentOf(d.ocdId),
});

const presentOfficial = (h: SeatHolder, locale: Locale): Answer['officials'][number] => ({
  person: {
    slug: h.personSlug,
    name: h.name,
    email: h.email,
    contact_details: h.contactDetails,
    links: h.links,
  },
  role: h.role,
  party: h.party,
  body: {
    slug: h.bodySlug,
    name: locale === 'es' ? h.bodyNameEs : h.bodyNameEn,
    classification: h.bodyClassification as (typeof e.bodyClassifications)[number],
  },
  post: { label: h.postLabel, division: h.divisionOcdId },
  start_date: h.startDate,
  end_date: h.endDate,
});
