/**
 * The one Drizzle schema, for PGlite and PostgreSQL alike. Migrations in `migrations/` are generated
 * from it (`npm run db:generate`); search configuration lives in the hand-written first migration.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import * as e from './enums.ts';

export const jurisdictionKind = pgEnum('jurisdiction_kind', e.jurisdictionKinds);
export const bodyClassification = pgEnum('body_classification', e.bodyClassifications);
export const policyClassification = pgEnum('policy_classification', e.policyClassifications);
export const policyStatus = pgEnum('policy_status', e.policyStatuses);
export const policyStance = pgEnum('policy_stance', e.policyStances);
export const translationState = pgEnum('translation_state', e.translationStates);
export const verificationState = pgEnum('verification_state', e.verificationStates);
export const identifierScheme = pgEnum('identifier_scheme', e.identifierSchemes);
export const rubricCategory = pgEnum('rubric_category', e.rubricCategories);
export const relationKind = pgEnum('relation_kind', e.relationKinds);
export const audience = pgEnum('audience', e.audiences);
export const voteOption = pgEnum('vote_option', e.voteOptions);
export const voteResult = pgEnum('vote_result', e.voteResults);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** ISO 8601 date that may be partial: "2005", "2019-02" or "2019-02-14". */
const partialDate = (name: string) => text(name);
const PARTIAL_DATE_SQL = `'^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'`;
const partialDateCheck = (table: string, column: string) =>
  check(`${table}_${column}_partial_date`, sql.raw(`"${column}" ~ ${PARTIAL_DATE_SQL}`));

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Hash of the imported record, so a re-import of the same content changes nothing. */
const contentHash = { contentHash: text('content_hash') };

/** A text in both languages, each with its translation state. */
const bilingual = (name: string, required: boolean) => {
  const es = text(`${name}_es`);
  const en = text(`${name}_en`);
  return {
    es: required ? es.notNull().default('') : es,
    en: required ? en.notNull().default('') : en,
    esState: translationState(`${name}_es_state`).notNull().default('missing'),
    enState: translationState(`${name}_en_state`).notNull().default('missing'),
  };
};

export const jurisdictions = pgTable(
  'jurisdictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ocdId: text('ocd_id').notNull().unique(),
    slug: text('slug').notNull().unique(),
    nameEs: text('name_es').notNull(),
    nameEn: text('name_en').notNull(),
    kind: jurisdictionKind('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => jurisdictions.id, {
      onDelete: 'restrict',
    }),
    ...contentHash,
    ...timestamps,
  },
  (t) => [index('jurisdictions_parent_idx').on(t.parentId)],
);

export const bodies = pgTable(
  'bodies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    jurisdictionId: uuid('jurisdiction_id')
      .notNull()
      .references(() => jurisdictions.id, { onDelete: 'restrict' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => bodies.id, { onDelete: 'restrict' }),
    classification: bodyClassification('classification').notNull(),
    nameEs: text('name_es').notNull(),
    nameEn: text('name_en').notNull(),
    seats: integer('seats'),
    ...contentHash,
    ...timestamps,
  },
  (t) => [index('bodies_jurisdiction_idx').on(t.jurisdictionId)],
);

export const topics = pgTable('topics', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  nameEs: text('name_es').notNull(),
  nameEn: text('name_en').notNull(),
  position: integer('position').notNull().default(0),
  ...contentHash,
  ...timestamps,
});

/**
 * The text-search vector of one short field in one language, as the search queries write it
 * (an expression index only serves a query that repeats its expression exactly).
 */
export function fieldVector(locale: 'es' | 'en', column: AnyPgColumn | SQL): SQL {
  return sql`to_tsvector(${sql.raw(`'igualdad_${locale}'::regconfig`)}, coalesce(${column}, ''))`;
}

/** The date a listing sorts by: adoption, else introduction (partial dates sort as text). */
export function listingDate(adopted: AnyPgColumn | SQL, introduced: AnyPgColumn | SQL): SQL {
  return sql`coalesce(${adopted}, ${introduced})`;
}

const policyTitle = bilingual('title', true);
const policySummary = bilingual('summary', true);
const policyBody = bilingual('body', false);

export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    classification: policyClassification('classification').notNull(),
    status: policyStatus('status').notNull().default('unknown'),
    /** Null: not assessed yet (an imported matter staff have not tracked; decision 016). */
    stance: policyStance('stance'),
    jurisdictionId: uuid('jurisdiction_id')
      .notNull()
      .references(() => jurisdictions.id, { onDelete: 'restrict' }),
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'set null' }),
    titleEs: policyTitle.es,
    titleEn: policyTitle.en,
    titleEsState: policyTitle.esState,
    titleEnState: policyTitle.enState,
    officialTitle: text('official_title'),
    titleVerification: verificationState('title_verification').notNull().default('unverified'),
    summaryEs: policySummary.es,
    summaryEn: policySummary.en,
    summaryEsState: policySummary.esState,
    summaryEnState: policySummary.enState,
    bodyEs: policyBody.es,
    bodyEn: policyBody.en,
    bodyEsState: policyBody.esState,
    bodyEnState: policyBody.enState,
    introducedOn: partialDate('introduced_on'),
    introducedVerification: verificationState('introduced_verification')
      .notNull()
      .default('unverified'),
    adoptedOn: partialDate('adopted_on'),
    adoptedVerification: verificationState('adopted_verification').notNull().default('unverified'),
    signedOn: partialDate('signed_on'),
    signedVerification: verificationState('signed_verification').notNull().default('unverified'),
    effectiveOn: partialDate('effective_on'),
    effectiveVerification: verificationState('effective_verification')
      .notNull()
      .default('unverified'),
    verification: verificationState('verification').notNull().default('unverified'),
    verificationNoteEs: text('verification_note_es'),
    verificationNoteEn: text('verification_note_en'),
    /** Bumped on every change; gives ETags and, later, optimistic concurrency. */
    version: integer('version').notNull().default(1),
    ...contentHash,
    searchEs: tsvector('search_es').generatedAlwaysAs(
      sql`setweight(to_tsvector('igualdad_es'::regconfig, coalesce(title_es, '')), 'A') || setweight(to_tsvector('igualdad_es'::regconfig, coalesce(summary_es, '')), 'B') || setweight(to_tsvector('igualdad_es'::regconfig, coalesce(body_es, '')), 'C')`,
    ),
    searchEn: tsvector('search_en').generatedAlwaysAs(
      sql`setweight(to_tsvector('igualdad_en'::regconfig, coalesce(title_en, '')), 'A') || setweight(to_tsvector('igualdad_en'::regconfig, coalesce(summary_en, '')), 'B') || setweight(to_tsvector('igualdad_en'::regconfig, coalesce(body_en, '')), 'C')`,
    ),
    ...timestamps,
  },
  (t) => [
    index('policies_jurisdiction_idx').on(t.jurisdictionId),
    index('policies_adopted_idx').on(t.adoptedOn),
    index('policies_search_es_idx').using('gin', t.searchEs),
    index('policies_search_en_idx').using('gin', t.searchEn),
    // Search ranks matches by where the words are (see features/policies/search.ts): these
    // expression indexes find title and summary matches without reading any stored vector.
    index('policies_title_es_fts_idx').using('gin', fieldVector('es', t.titleEs)),
    index('policies_title_en_fts_idx').using('gin', fieldVector('en', t.titleEn)),
    index('policies_summary_es_fts_idx').using('gin', fieldVector('es', t.summaryEs)),
    index('policies_summary_en_fts_idx').using('gin', fieldVector('en', t.summaryEn)),
    // The default order of every listing: newest first, then by slug.
    index('policies_listing_order_idx').on(
      sql`${listingDate(t.adoptedOn, t.introducedOn)} desc nulls last`,
      t.slug,
    ),
    partialDateCheck('policies', 'introduced_on'),
    partialDateCheck('policies', 'adopted_on'),
    partialDateCheck('policies', 'signed_on'),
    partialDateCheck('policies', 'effective_on'),
  ],
);

export const policyIdentifiers = pgTable(
  'policy_identifiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    scheme: identifierScheme('scheme').notNull(),
    value: text('value').notNull(),
    /** Lower case, accents and punctuation folded to single hyphens: "AR 2017-22" -> "ar-2017-22". */
    normalized: text('normalized').notNull(),
    primary: boolean('is_primary').notNull().default(false),
    verification: verificationState('verification').notNull().default('unverified'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique('policy_identifiers_policy_normalized_uq').on(t.policyId, t.normalized),
    index('policy_identifiers_normalized_idx').on(t.normalized),
    // Prefix matches ("ar 2017" finds "ar-2017-22") whatever the database's collation.
    index('policy_identifiers_prefix_idx').on(sql`${t.normalized} text_pattern_ops`),
    index('policy_identifiers_trgm_idx').using('gin', sql`${t.normalized} gin_trgm_ops`),
  ],
);

export const policyTopics = pgTable(
  'policy_topics',
  {
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.policyId, t.topicId] }),
    index('policy_topics_topic_idx').on(t.topicId),
  ],
);

export const provisions = pgTable(
  'provisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    category: rubricCategory('category').notNull(),
    textEs: text('text_es').notNull(),
    textEn: text('text_en').notNull(),
    textEsState: translationState('text_es_state').notNull().default('original'),
    textEnState: translationState('text_en_state').notNull().default('original'),
    verification: verificationState('verification').notNull().default('unverified'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('provisions_policy_idx').on(t.policyId),
    index('provisions_category_idx').on(t.category),
  ],
);

export const policyActions = pgTable(
  'policy_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    date: partialDate('date').notNull(),
    dateVerification: verificationState('date_verification').notNull().default('unverified'),
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'set null' }),
    /** OCD action classifications; several may apply to one action. */
    classification: text('classification')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Empty with state `missing` when the source gives one language only (Legistar: English). */
    descriptionEs: text('description_es').notNull(),
    descriptionEn: text('description_en').notNull(),
    descriptionEsState: translationState('description_es_state').notNull().default('original'),
    descriptionEnState: translationState('description_en_state').notNull().default('original'),
    votesYes: integer('votes_yes'),
    votesNo: integer('votes_no'),
    votesAbstain: integer('votes_abstain'),
    votesAbsent: integer('votes_absent'),
    voteVerification: verificationState('vote_verification').notNull().default('unverified'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('policy_actions_policy_idx').on(t.policyId),
    partialDateCheck('policy_actions', 'date'),
  ],
);

export const policyRelations = pgTable(
  'policy_relations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromPolicyId: uuid('from_policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    toPolicyId: uuid('to_policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    kind: relationKind('kind').notNull(),
  },
  (t) => [
    unique('policy_relations_uq').on(t.fromPolicyId, t.toPolicyId, t.kind),
    index('policy_relations_to_idx').on(t.toPolicyId),
    check('policy_relations_not_self', sql`${t.fromPolicyId} <> ${t.toPolicyId}`),
  ],
);

export const sources = pgTable(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    url: text('url'),
    citation: text('citation'),
    title: text('title'),
    publisher: text('publisher'),
    accessedOn: partialDate('accessed_on'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('sources_policy_idx').on(t.policyId),
    check('sources_url_or_citation', sql`${t.url} is not null or ${t.citation} is not null`),
  ],
);

const question = bilingual('question', true);
const answer = bilingual('answer', true);

export const faqEntries = pgTable('faq_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  audience: audience('audience').notNull().default('community'),
  position: integer('position').notNull().default(0),
  questionEs: question.es,
  questionEn: question.en,
  questionEsState: question.esState,
  questionEnState: question.enState,
  answerEs: answer.es,
  answerEn: answer.en,
  answerEsState: answer.esState,
  answerEnState: answer.enState,
  ...contentHash,
  ...timestamps,
});

const point = bilingual('text', true);

export const talkingPoints = pgTable('talking_points', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  audience: audience('audience').notNull(),
  position: integer('position').notNull().default(0),
  textEs: point.es,
  textEn: point.en,
  textEsState: point.esState,
  textEnState: point.enState,
  ...contentHash,
  ...timestamps,
});

const link = (
  name: string,
  owner: AnyPgColumn,
  target: AnyPgColumn,
  ownerCol: string,
  targetCol: string,
) =>
  pgTable(
    name,
    {
      ownerId: uuid(ownerCol)
        .notNull()
        .references(() => owner, { onDelete: 'cascade' }),
      targetId: uuid(targetCol)
        .notNull()
        .references(() => target, { onDelete: 'cascade' }),
    },
    (t) => [primaryKey({ columns: [t.ownerId, t.targetId] })],
  );

export const faqPolicies = link('faq_policies', faqEntries.id, policies.id, 'faq_id', 'policy_id');
export const faqTopics = link('faq_topics', faqEntries.id, topics.id, 'faq_id', 'topic_id');
export const talkingPointPolicies = link(
  'talking_point_policies',
  talkingPoints.id,
  policies.id,
  'talking_point_id',
  'policy_id',
);
export const talkingPointTopics = link(
  'talking_point_topics',
  talkingPoints.id,
  topics.id,
  'talking_point_id',
  'topic_id',
);

/** Unaccented words of the corpus, for typo correction with pg_trgm ("did you mean"). */
export const searchLexicon = pgTable(
  'search_lexicon',
  {
    word: text('word').primaryKey(),
    documents: integer('documents').notNull(),
  },
  (t) => [index('search_lexicon_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)],
);

/** Small key/value facts about this installation (for example, when the default dataset was seeded). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  ...timestamps,
});

// ------------------------------------------------------------------------------------------------
// Accounts, sessions, throttling and the audit log (issue 4; docs/decisions/013-accounts-and-audit.md).
// Secrets are never stored: passwords as argon2id hashes, session and link tokens as SHA-256
// hashes, client addresses only inside HMAC keys of the throttle table.
// ------------------------------------------------------------------------------------------------

/**
 * Staff roles. Organization-scoped roles (organizer, member organization) will be grants with a
 * scope in their own table; the permission map in features/accounts/permissions.ts is per role.
 */
export const USER_ROLES = ['admin', 'editor', 'translator', 'viewer'] as const;
export const userRole = pgEnum('user_role', USER_ROLES);
export const accountTokenPurpose = pgEnum('account_token_purpose', ['set_up', 'reset']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    role: userRole('role').notNull(),
    /** Language of emails and of the pages after sign-in. */
    locale: text('locale').notNull().default('es'),
    /** argon2id in PHC format; null until the user follows the set-up link. */
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** A disabled user cannot sign in and has no sessions. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    check('users_locale_check', sql`${t.locale} in ('es', 'en')`),
  ],
);

/** Single-use links (set-up, password reset): only a SHA-256 of the token is kept. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: accountTokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId)],
);

/** Server-side sessions: the cookie holds a 256-bit token, the row only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end (12 h after sign-in), whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When a second factor was verified in this session (MFA arrives in the next slice). */
    mfaVerifiedAt: timestamp('mfa_verified_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Exponential backoff state for sign-in and reset. Keys are HMACs (under a key derived from
 * MASTER_KEY that rotates daily) of the account's email, the client address or both: no raw
 * address or unknown email is ever stored.
 */
export const authThrottle = pgTable(
  'auth_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [index('auth_throttle_last_failure_idx').on(t.lastFailureAt)],
);

/**
 * Append-only, hash-chained: each row's hash covers its fields and the previous row's hash.
 * Rows are appended under a transaction advisory lock (one chain, never forked); a trigger
 * refuses UPDATE, DELETE and TRUNCATE. No passwords, tokens, addresses or emails in it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    details: jsonb('details').notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_action_idx').on(t.action, t.seq),
    index('audit_log_actor_idx').on(t.actorId, t.seq),
    index('audit_log_occurred_idx').on(t.occurredAt),
  ],
);

/**
 * A user's TOTP authenticator (RFC 6238). The shared secret is encrypted (AES-256-GCM, key
 * derived from MASTER_KEY); `last_used_step` refuses a code that was already used (replay).
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  /** Null while enrolling: the first correct code confirms it. */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes, for a lost authenticator; only their SHA-256 is kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

// ------------------------------------------------------------------------------------------------
// The editorial workflow (issue 4; docs/decisions/014-editorial-workflow.md). The public tables
// above hold what is published. Every save is an immutable revision holding the whole record in
// the dataset file shape (features/dataset/schema.ts); an item points at its live revision and at
// its working copy (draft, in review or scheduled). Publishing applies the working copy's
// document to the public tables in the same transaction as its audit entry.
// ------------------------------------------------------------------------------------------------

export const CONTENT_KINDS = [
  'policy',
  'jurisdiction',
  'body',
  'topic',
  'faq',
  'talking_point',
] as const;
export const contentKind = pgEnum('content_kind', CONTENT_KINDS);
export const WORKFLOW_STATES = ['draft', 'in_review', 'scheduled'] as const;
export const workflowState = pgEnum('workflow_state', WORKFLOW_STATES);

/** One editable thing: a policy, jurisdiction, body, topic, FAQ entry or talking point. */
export const editorialItems = pgTable(
  'editorial_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: contentKind('kind').notNull(),
    /** The record's slug (a jurisdiction's OCD division id is fixed with it once published). */
    key: text('key').notNull(),
    /** The revision the public site shows; null before the first publication and after a delete. */
    liveRevisionId: uuid('live_revision_id').references((): AnyPgColumn => contentRevisions.id),
    /** The working copy, when there is one. */
    draftRevisionId: uuid('draft_revision_id').references((): AnyPgColumn => contentRevisions.id),
    workflow: workflowState('workflow'),
    /** For a scheduled working copy: when it goes live. */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Bumped by every change: a save names the version it started from (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('editorial_items_kind_key_idx').on(t.kind, t.key),
    index('editorial_items_due_idx')
      .on(t.publishAt)
      .where(sql`${t.workflow} = 'scheduled'`),
    check(
      'editorial_items_workflow_needs_draft',
      sql`(${t.workflow} is null) = (${t.draftRevisionId} is null)`,
    ),
    check(
      'editorial_items_schedule',
      sql`(${t.workflow} = 'scheduled') = (${t.publishAt} is not null)`,
    ),
  ],
);

/** Immutable: who saved what, when. `document` is the whole record in the dataset file shape. */
export const contentRevisions = pgTable(
  'content_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => editorialItems.id, { onDelete: 'cascade' }),
    /** 1, 2, 3... per item. */
    number: integer('number').notNull(),
    document: jsonb('document').notNull(),
    /** Null for the command line, an import, or the state found before the first edit. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Why this revision exists: saved, imported, restored (with the revision it came from). */
    origin: text('origin').notNull().default('saved'),
    restoredFrom: integer('restored_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When this revision went live (null if it never did). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [unique('content_revisions_item_number').on(t.itemId, t.number)],
);

// ------------------------------------------------------------------------------------------------
// Passkeys (WebAuthn) as a second factor (issue 4). Public keys only; nothing here is secret.
// ------------------------------------------------------------------------------------------------

export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    /** The credential id, base64url, as the authenticator gives it. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    /** Signature counter: a counter that goes backwards means a cloned authenticator. */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    deviceType: text('device_type'),
    backedUp: boolean('backed_up').notNull().default(false),
    /** A name the user gives it ("work laptop"). */
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('webauthn_credentials_user_idx').on(t.userId)],
);

/**
 * The challenge of a registration or sign-in ceremony in progress, tied to the session that
 * asked for it (so any app server can finish the ceremony); single use, short-lived.
 */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  sessionId: uuid('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  purpose: text('purpose').notNull(),
  challenge: text('challenge').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

// ------------------------------------------------------------------------------------------------
// Districts (issue 5; docs/decisions/015-divisions-and-boundaries.md): Open Civic Data divisions
// and their boundaries, for "who represents me". A division is identified by its OCD id alone;
// jurisdictions above name the governments whose policies the library tracks.
// ------------------------------------------------------------------------------------------------

export const divisions = pgTable(
  'divisions',
  {
    ocdId: text('ocd_id').primaryKey(),
    /** Null when no list imported so far gave one (some OCD files map ids only). */
    name: text('name'),
    /** The id without its last segment; not a foreign key: lists may hold children only. */
    parentOcdId: text('parent_ocd_id'),
    sameAs: text('same_as'),
    validFrom: partialDate('valid_from'),
    validThrough: partialDate('valid_through'),
    /** Other codes the lists give for it (census_geoid, openstates_district, ...). */
    identifiers: jsonb('identifiers').$type<Record<string, string>>().notNull().default({}),
    ...contentHash,
    ...timestamps,
  },
  (t) => [
    index('divisions_parent_idx').on(t.parentOcdId),
    partialDateCheck('divisions', 'valid_from'),
    partialDateCheck('divisions', 'valid_through'),
  ],
);

/**
 * A division's boundary: a GeoJSON Polygon or MultiPolygon in WGS84, with its bounding box
 * (lookups test the box before the shape).
 */
export const divisionBoundaries = pgTable('division_boundaries', {
  divisionOcdId: text('division_ocd_id')
    .primaryKey()
    .references(() => divisions.ocdId, { onDelete: 'cascade' }),
  geometry: jsonb('geometry').notNull(),
  minLon: doublePrecision('min_lon').notNull(),
  minLat: doublePrecision('min_lat').notNull(),
  maxLon: doublePrecision('max_lon').notNull(),
  maxLat: doublePrecision('max_lat').notNull(),
  /** The file it came from (base name only). */
  source: text('source'),
  ...contentHash,
  ...timestamps,
});

// ------------------------------------------------------------------------------------------------
// Officials, seats, terms and votes (issue 5; Popolo). Officials' public information only: what
// governments and Open States publish about them in their public role.
// ------------------------------------------------------------------------------------------------

/** `{type, value, label}` as Popolo writes contact details (voice, fax, email, address). */
export interface ContactDetail {
  type: string;
  value: string;
  label?: string;
}
/** `{url, note}`: links and sources. */
export interface Link {
  url: string;
  note?: string;
}

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    givenName: text('given_name'),
    familyName: text('family_name'),
    sortName: text('sort_name'),
    /** The official's public office email. */
    email: text('email'),
    /** A URL as published; pages never load it from another origin. */
    image: text('image'),
    contactDetails: jsonb('contact_details').$type<ContactDetail[]>().notNull().default([]),
    links: jsonb('links').$type<Link[]>().notNull().default([]),
    otherNames: jsonb('other_names').$type<string[]>().notNull().default([]),
    sources: jsonb('sources').$type<Link[]>().notNull().default([]),
    verification: verificationState('verification').notNull().default('unverified'),
    ...contentHash,
    ...timestamps,
  },
  (t) => [index('people_sort_idx').on(sql`coalesce(${t.sortName}, ${t.name})`)],
);

/**
 * A seat: a body's post for a division (`.../council_district:3`), or for the body's whole
 * jurisdiction (at large). "Who represents me" joins the divisions holding a point to posts.
 */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    /** An OCD division id; not a foreign key: boundaries may be imported after the seats. */
    divisionOcdId: text('division_ocd_id'),
    /** As the source names it ("District 3", "Position 1"). */
    label: text('label').notNull(),
    /** The title of whoever holds it ("Senator", "Councilor"). */
    role: text('role'),
    seats: integer('seats').notNull().default(1),
    startDate: partialDate('start_date'),
    endDate: partialDate('end_date'),
    ...timestamps,
  },
  (t) => [
    unique('posts_body_label').on(t.bodyId, t.label),
    index('posts_division_idx').on(t.divisionOcdId),
    partialDateCheck('posts', 'start_date'),
    partialDateCheck('posts', 'end_date'),
  ],
);

/** A term: a person in a body (and a seat), from a date to a date. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    postId: uuid('post_id').references(() => posts.id, { onDelete: 'set null' }),
    role: text('role'),
    party: text('party'),
    startDate: partialDate('start_date'),
    endDate: partialDate('end_date'),
    verification: verificationState('verification').notNull().default('unverified'),
    sources: jsonb('sources').$type<Link[]>().notNull().default([]),
    ...contentHash,
    ...timestamps,
  },
  (t) => [
    index('memberships_person_idx').on(t.personId),
    index('memberships_post_idx').on(t.postId),
    index('memberships_body_idx').on(t.bodyId),
    partialDateCheck('memberships', 'start_date'),
    partialDateCheck('memberships', 'end_date'),
  ],
);

/**
 * A roll call on a policy. Tied to the policy, not to one of its actions: a policy's actions are
 * replaced as a whole when it changes, and a vote event must survive that. The action it belongs
 * to is the one of the same date and body.
 */
export const voteEvents = pgTable(
  'vote_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id').references(() => policies.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'set null' }),
    /** The source's own id for it, when it has one. */
    identifier: text('identifier'),
    date: partialDate('date').notNull(),
    /** Null with state `missing` when the source gives one language only (Legistar: English). */
    motionEs: text('motion_es'),
    motionEn: text('motion_en'),
    motionEsState: translationState('motion_es_state').notNull().default('original'),
    motionEnState: translationState('motion_en_state').notNull().default('original'),
    result: voteResult('result').notNull(),
    /** `[{option, value}]` as recorded, which may differ from the individual votes we hold. */
    counts: jsonb('counts').$type<{ option: string; value: number }[]>().notNull().default([]),
    verification: verificationState('verification').notNull().default('unverified'),
    sources: jsonb('sources').$type<Link[]>().notNull().default([]),
    ...contentHash,
    ...timestamps,
  },
  (t) => [
    index('vote_events_policy_idx').on(t.policyId),
    index('vote_events_body_date_idx').on(t.bodyId, t.date),
    partialDateCheck('vote_events', 'date'),
  ],
);

/** One member's vote. The name is kept as recorded, also when it is matched to a person. */
export const votes = pgTable(
  'votes',
  {
    voteEventId: uuid('vote_event_id')
      .notNull()
      .references(() => voteEvents.id, { onDelete: 'cascade' }),
    voterName: text('voter_name').notNull(),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    option: voteOption('option').notNull(),
    verification: verificationState('verification').notNull().default('unverified'),
  },
  (t) => [
    primaryKey({ columns: [t.voteEventId, t.voterName] }),
    index('votes_person_idx').on(t.personId),
  ],
);

export const sponsorships = pgTable(
  'sponsorships',
  {
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    primary: boolean('primary').notNull().default(false),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.policyId, t.personId] }),
    index('sponsorships_person_idx').on(t.personId),
  ],
);

/** A meeting or hearing of a body, in its own time zone. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull().default('America/Denver'),
    location: text('location'),
    status: text('status').notNull().default('confirmed'),
    links: jsonb('links').$type<Link[]>().notNull().default([]),
    sources: jsonb('sources').$type<Link[]>().notNull().default([]),
    ...contentHash,
    ...timestamps,
  },
  (t) => [index('events_starts_idx').on(t.startsAt)],
);

/**
 * What other systems call our records (an Open States person id, a Legistar PersonId or
 * MatterId): importers find a record again by it, so a second run updates instead of duplicating.
 */
export const externalIds = pgTable(
  'external_ids',
  {
    /** e.g. `openstates:person`, `legistar:cabq:person`, `legistar:cabq:matter`. */
    scheme: text('scheme').notNull(),
    value: text('value').notNull(),
    /** The table the id belongs to (people, bodies, posts, memberships, policies, vote_events, events). */
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    /** When an incremental sync last saw it (Legistar's LastModifiedUtc). */
    sourceModifiedAt: timestamp('source_modified_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.scheme, t.value] }),
    index('external_ids_entity_idx').on(t.entity, t.entityId),
  ],
);

/** A source's vote values (Legistar's "Aye", "Nay", "Excused"...) and the OCD option each means. */
export const voteOptionMappings = pgTable(
  'vote_option_mappings',
  {
    /** e.g. `legistar:cabq`, or `legistar` for the defaults of every client. */
    source: text('source').notNull(),
    /** Lower-cased, trimmed. */
    value: text('value').notNull(),
    option: voteOption('option').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.value] })],
);
