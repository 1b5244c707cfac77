/**
 * The shape of a dataset file (YAML or JSON): the default dataset in `dataset/default/` and any
 * file given to `igualdad import policies`. Every section is optional; references between
 * records use slugs (bodies, topics, policies) and OCD division ids (jurisdictions).
 */
import { z } from 'zod';
import * as e from '../../db/enums.ts';
import { isPartialDate } from '../../lib/partial-date.ts';
import { OCD_DIVISION_PATTERN } from '../../lib/ocd.ts';
import { SLUG_PATTERN } from '../../lib/slug.ts';

const slug = z
  .string()
  .regex(SLUG_PATTERN, 'must be a slug: lower-case letters, digits and single hyphens');
const ocdDivision = z
  .string()
  .regex(OCD_DIVISION_PATTERN, 'must be an OCD division id (ocd-division/country:us/...)');
const partialDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine(isPartialDate, 'must be a date such as 2019, 2019-02 or 2019-02-14');
const verification = z.enum(e.verificationStates).default('unverified');
const translation = z.enum(e.translationStates).optional();
const text = z.string().trim();

/** A name: both languages required. */
const names = z.strictObject({ es: text.min(1), en: text.min(1) });

/** A text in both languages with optional translation states (default: original, or missing when empty). */
const bilingualShape = {
  es: text.default(''),
  en: text.default(''),
  es_state: translation,
  en_state: translation,
};
const inSomeLanguage = (t: { es: string; en: string }) => t.es.length > 0 || t.en.length > 0;
const needsText = { message: 'needs a text in at least one language' };
const bilingualText = z.strictObject(bilingualShape).refine(inSomeLanguage, needsText);
const optionalBilingualText = z.strictObject(bilingualShape);
const titleText = z
  .strictObject({ ...bilingualShape, verification })
  .refine(inSomeLanguage, needsText);

export const jurisdictionRecord = z.strictObject({
  ocd_id: ocdDivision,
  slug,
  name: names,
  kind: z.enum(e.jurisdictionKinds),
  parent: ocdDivision.nullish(),
});

export const bodyRecord = z.strictObject({
  slug,
  jurisdiction: ocdDivision,
  classification: z.enum(e.bodyClassifications),
  name: names,
  seats: z.number().int().positive().nullish(),
  parent: slug.nullish(),
});

export const topicRecord = z.strictObject({
  slug,
  name: names,
  position: z.number().int().default(0),
});

const datedFact = z.strictObject({ date: partialDate, verification });

const identifierRecord = z.strictObject({
  scheme: z.enum(e.identifierSchemes),
  value: text.min(1).max(200),
  primary: z.boolean().default(false),
  verification,
});

const provisionRecord = z.strictObject({
  category: z.enum(e.rubricCategories),
  es: text.min(1),
  en: text.min(1),
  es_state: translation,
  en_state: translation,
  verification,
});

const voteCount = z.number().int().min(0).max(100_000_000).nullish();

const actionRecord = z.strictObject({
  date: partialDate,
  date_verification: verification,
  body: slug.nullish(),
  classification: z.array(z.enum(e.actionClassifications)).default([]),
  /** One language may be empty (an imported action: English only), its state then `missing`. */
  description: bilingualText,
  votes: z
    .strictObject({
      yes: voteCount,
      no: voteCount,
      abstain: voteCount,
      absent: voteCount,
      verification,
    })
    .nullish(),
});

const sourceRecord = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).nullish(),
    citation: text.min(1).nullish(),
    title: text.min(1).nullish(),
    publisher: text.min(1).nullish(),
    accessed: partialDate.nullish(),
  })
  .refine((s) => s.url || s.citation, { message: 'needs a url or a citation' });

export const policyRecord = z.strictObject({
  slug,
  classification: z.enum(e.policyClassifications),
  status: z.enum(e.policyStatuses).default('unknown'),
  stance: z.enum(e.policyStances),
  jurisdiction: ocdDivision,
  body: slug.nullish(),
  topics: z.array(slug).default([]),
  verification,
  verification_note: z.strictObject({ es: text.min(1), en: text.min(1) }).nullish(),
  title: titleText,
  official_title: text.min(1).nullish(),
  summary: bilingualText,
  full_text: optionalBilingualText.nullish(),
  identifiers: z.array(identifierRecord).default([]),
  dates: z
    .strictObject({
      introduced: datedFact.nullish(),
      adopted: datedFact.nullish(),
      signed: datedFact.nullish(),
      effective: datedFact.nullish(),
    })
    .default({}),
  provisions: z.array(provisionRecord).default([]),
  actions: z.array(actionRecord).default([]),
  relations: z.array(z.strictObject({ kind: z.enum(e.relationKinds), policy: slug })).default([]),
  sources: z.array(sourceRecord).default([]),
});

const links = { policies: z.array(slug).default([]), topics: z.array(slug).default([]) };

export const faqRecord = z.strictObject({
  slug,
  audience: z.enum(e.audiences).default('community'),
  position: z.number().int().default(0),
  question: bilingualText,
  answer: bilingualText,
  ...links,
});

export const talkingPointRecord = z.strictObject({
  slug,
  audience: z.enum(e.audiences),
  position: z.number().int().default(0),
  text: bilingualText,
  ...links,
});

const voterNames = z.array(text.min(1).max(200)).default([]);

/**
 * A roll call on a policy, with the names of the voters as the source records them (often a
 * surname only). Counts are what was recorded; the named votes may be fewer (a source may name
 * only the no votes). Matched to an action of the policy by date and body.
 */
export const voteEventRecord = z
  .strictObject({
    policy: slug,
    body: slug.nullish(),
    date: partialDate,
    motion: z.strictObject({ es: text.min(1), en: text.min(1) }),
    result: z.enum(e.voteResults),
    counts: z
      .strictObject({
        yes: voteCount,
        no: voteCount,
        abstain: voteCount,
        absent: voteCount,
        excused: voteCount,
        not_voting: voteCount,
      })
      .default({}),
    votes: z
      .strictObject({
        yes: voterNames,
        no: voterNames,
        abstain: voterNames,
        absent: voterNames,
        excused: voterNames,
        not_voting: voterNames,
      })
      .default({ yes: [], no: [], abstain: [], absent: [], excused: [], not_voting: [] }),
    verification,
  })
  .refine(
    (v) =>
      Object.entries(v.votes).every(([option, names]) => {
        const count = v.counts[option as keyof typeof v.counts];
        return count === null || count === undefined || names.length <= count;
      }),
    { message: 'names more voters for an option than its count', path: ['votes'] },
  )
  .refine(
    (v) => {
      const names = Object.values(v.votes).flat();
      return new Set(names).size === names.length;
    },
    { message: 'names a voter twice', path: ['votes'] },
  );

export const datasetFile = z.strictObject({
  jurisdictions: z.array(jurisdictionRecord).default([]),
  bodies: z.array(bodyRecord).default([]),
  topics: z.array(topicRecord).default([]),
  policies: z.array(policyRecord).default([]),
  faq: z.array(faqRecord).default([]),
  talking_points: z.array(talkingPointRecord).default([]),
  vote_events: z.array(voteEventRecord).default([]),
});

export type DatasetFile = z.infer<typeof datasetFile>;
export type JurisdictionRecord = z.infer<typeof jurisdictionRecord>;
export type BodyRecord = z.infer<typeof bodyRecord>;
export type TopicRecord = z.infer<typeof topicRecord>;
export type PolicyRecord = z.infer<typeof policyRecord>;
export type FaqRecord = z.infer<typeof faqRecord>;
export type TalkingPointRecord = z.infer<typeof talkingPointRecord>;
export type VoteEventRecord = z.infer<typeof voteEventRecord>;
