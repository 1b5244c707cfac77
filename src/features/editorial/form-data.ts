/**
 * The editing forms as data: one field list per content kind (every field of the dataset record,
 * `features/dataset/schema.ts`), and the functions that turn a posted form into a record in the
 * dataset file shape and validation problems into messages beside the fields. The same list drives
 * the rendering (forms/fields.tsx), so a field cannot be shown and then forgotten by the parser.
 *
 * Input names are the record's paths as the service names them ("provisions[2].en"), so a
 * problem the service reports lands beside the field it is about.
 */
import * as e from '../../db/enums.ts';
import { CONTENT_KINDS } from '../../db/schema.ts';
import { catalogs } from '../../i18n/catalog.ts';
import type { FieldProblem } from '../../lib/errors.ts';
import { fieldProblems } from '../../lib/problem.ts';
import type { PageContext } from '../../web/i18n.ts';
import { documentSchemas, type ContentKind } from './service.ts';

type Kind = ContentKind;

export type RefKind = 'jurisdictions' | 'bodies' | 'topics' | 'policies';

export type FieldSpec =
  | {
      type: 'text';
      name: string;
      optional?: boolean;
      format?: 'slug' | 'ocd' | 'date' | 'url';
      multiline?: boolean;
      /**
       * Cannot change once the item exists (its slug: the item's address) or once it has been
       * published (a jurisdiction's OCD id, by which imports find it).
       */
      fixed?: 'created' | 'published';
    }
  | { type: 'number'; name: string; optional?: boolean }
  /**
   * One of a vocabulary; `labels` is the catalog prefix of its values ("status" -> status.x);
   * `initial`: what a new record shows (the schema's default), else "Choose...".
   */
  | {
      type: 'choice';
      name: string;
      values: readonly string[];
      labels: string;
      optional?: boolean;
      initial?: string;
    }
  | { type: 'choices'; name: string; values: readonly string[]; labels: string }
  | { type: 'ref'; name: string; ref: RefKind; optional?: boolean }
  | { type: 'refs'; name: string; ref: RefKind }
  | { type: 'flag'; name: string }
  /**
   * A text in Spanish and English side by side. `name: null` puts es/en on the enclosing record
   * (a provision); `label` then names it. `nullable`: both empty means none (optional texts).
   */
  | {
      type: 'bilingual';
      name: string | null;
      label?: string;
      states?: boolean;
      verification?: boolean;
      markdown?: boolean;
      multiline?: boolean;
      nullable?: boolean;
    }
  | { type: 'group'; name: string; fields: FieldSpec[]; nullable?: boolean }
  | { type: 'rows'; name: string; fields: FieldSpec[] };

const slug: FieldSpec = { type: 'text', name: 'slug', format: 'slug', fixed: 'created' };
const verification = (name = 'verification'): FieldSpec => ({
  type: 'choice',
  name,
  values: e.verificationStates,
  labels: 'verification',
  initial: 'unverified',
});
const names: FieldSpec = { type: 'bilingual', name: 'name' };
const position: FieldSpec = { type: 'number', name: 'position', optional: true };
const datedFact = (name: string): FieldSpec => ({
  type: 'group',
  name,
  nullable: true,
  fields: [{ type: 'text', name: 'date', format: 'date', optional: true }, verification()],
});
const links: FieldSpec[] = [
  { type: 'refs', name: 'policies', ref: 'policies' },
  { type: 'refs', name: 'topics', ref: 'topics' },
];

export const FORM_SPECS: Readonly<Record<Kind, FieldSpec[]>> = {
  policy: [
    slug,
    {
      type: 'choice',
      name: 'classification',
      values: e.policyClassifications,
      labels: 'classification',
    },
    {
      type: 'choice',
      name: 'status',
      values: e.policyStatuses,
      labels: 'status',
      initial: 'unknown',
    },
    { type: 'choice', name: 'stance', values: e.policyStances, labels: 'stance' },
    { type: 'ref', name: 'jurisdiction', ref: 'jurisdictions' },
    { type: 'ref', name: 'body', ref: 'bodies', optional: true },
    { type: 'refs', name: 'topics', ref: 'topics' },
    verification(),
    { type: 'bilingual', name: 'verification_note', multiline: true, nullable: true },
    { type: 'bilingual', name: 'title', states: true, verification: true, multiline: true },
    { type: 'text', name: 'official_title', optional: true, multiline: true },
    { type: 'bilingual', name: 'summary', states: true, multiline: true },
    { type: 'bilingual', name: 'full_text', states: true, markdown: true, nullable: true },
    {
      type: 'rows',
      name: 'identifiers',
      fields: [
        { type: 'choice', name: 'scheme', values: e.identifierSchemes, labels: 'scheme' },
        { type: 'text', name: 'value' },
        { type: 'flag', name: 'primary' },
        verification(),
      ],
    },
    {
      type: 'group',
      name: 'dates',
      fields: ['introduced', 'adopted', 'signed', 'effective'].map(datedFact),
    },
    {
      type: 'rows',
      name: 'provisions',
      fields: [
        { type: 'choice', name: 'category', values: e.rubricCategories, labels: 'rubric' },
        { type: 'bilingual', name: null, label: 'provisions.text', states: true, multiline: true },
        verification(),
      ],
    },
    {
      type: 'rows',
      name: 'actions',
      fields: [
        { type: 'text', name: 'date', format: 'date' },
        verification('date_verification'),
        { type: 'ref', name: 'body', ref: 'bodies', optional: true },
        {
          type: 'choices',
          name: 'classification',
          values: e.actionClassifications,
          labels: 'editorial.action',
        },
        { type: 'bilingual', name: 'description', states: true, multiline: true },
        {
          type: 'group',
          name: 'votes',
          nullable: true,
          fields: [
            ...['yes', 'no', 'abstain', 'absent'].map((name): FieldSpec => ({
              type: 'number',
              name,
              optional: true,
            })),
            verification(),
          ],
        },
      ],
    },
    {
      type: 'rows',
      name: 'relations',
      fields: [
        { type: 'choice', name: 'kind', values: e.relationKinds, labels: 'relation' },
        { type: 'ref', name: 'policy', ref: 'policies' },
      ],
    },
    {
      type: 'rows',
      name: 'sources',
      fields: [
        { type: 'text', name: 'url', format: 'url', optional: true },
        { type: 'text', name: 'citation', optional: true, multiline: true },
        { type: 'text', name: 'title', optional: true },
        { type: 'text', name: 'publisher', optional: true },
        { type: 'text', name: 'accessed', format: 'date', optional: true },
      ],
    },
  ],
  jurisdiction: [
    { type: 'text', name: 'ocd_id', format: 'ocd', fixed: 'published' },
    slug,
    names,
    { type: 'choice', name: 'kind', values: e.jurisdictionKinds, labels: 'kind' },
    { type: 'ref', name: 'parent', ref: 'jurisdictions', optional: true },
  ],
  body: [
    slug,
    { type: 'ref', name: 'jurisdiction', ref: 'jurisdictions' },
    {
      type: 'choice',
      name: 'classification',
      values: e.bodyClassifications,
      labels: 'jurisdictions.body',
    },
    names,
    { type: 'number', name: 'seats', optional: true },
    { type: 'ref', name: 'parent', ref: 'bodies', optional: true },
  ],
  topic: [slug, names, position],
  faq: [
    slug,
    {
      type: 'choice',
      name: 'audience',
      values: e.audiences,
      labels: 'audience',
      initial: 'community',
    },
    position,
    { type: 'bilingual', name: 'question', states: true, multiline: true },
    { type: 'bilingual', name: 'answer', states: true, markdown: true },
    ...links,
  ],
  talking_point: [
    slug,
    { type: 'choice', name: 'audience', values: e.audiences, labels: 'audience' },
    position,
    { type: 'bilingual', name: 'text', states: true, multiline: true },
    ...links,
  ],
};

// ------------------------------------------------------------------------------------------------
// Paths, ids and labels
// ------------------------------------------------------------------------------------------------

export const join = (prefix: string, name: string | null) =>
  name === null ? prefix : prefix ? `${prefix}.${name}` : name;
export const rowPath = (prefix: string, index: number) => `${prefix}[${index}]`;
/** An HTML id for a path: "provisions[2].en" -> "f-provisions-2-en". */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;
/** The catalog key of a field's label: its path without row numbers. */
export const labelKey = (path: string) => `editorial.field.${path.replace(/\[\d+\]/g, '')}`;

/** "provisions.2.en" (Zod) and "provisions[2].en" (the service) both become the latter. */
export function normalizeFieldName(name: string): string {
  return name.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** Every label key the forms use (the catalog test and the diff page rely on them). */
export function allLabelKeys(): string[] {
  const keys = new Set<string>();
  const walk = (fields: FieldSpec[], prefix: string) => {
    for (const f of fields) {
      if (f.type === 'bilingual') {
        const path = f.name === null ? f.label! : join(prefix, f.name);
        keys.add(labelKey(path));
        if (f.verification) keys.add(labelKey(`${path}.verification`));
        continue;
      }
      const path = join(prefix, f.name);
      keys.add(labelKey(path));
      if (f.type === 'group' || f.type === 'rows') walk(f.fields, path);
    }
  };
  for (const kind of CONTENT_KINDS) walk(FORM_SPECS[kind], '');
  return [...keys].sort();
}

// ------------------------------------------------------------------------------------------------
// Posted form -> record
// ------------------------------------------------------------------------------------------------

export type FormValues = Record<string, string | string[] | undefined>;

/** The most rows one list may post: more is not an edit, it is an attack or a runaway script. */
const MAX_ROWS = 200;

// Control characters other than tab and line breaks never belong in content (PostgreSQL cannot
// even store NUL); line breaks are normalized to \n.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (s: string) => s.replace(CONTROL, '').replace(/\r\n?/g, '\n');

function one(values: FormValues, path: string): string {
  const v = values[path];
  const s = Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '');
  return typeof s === 'string' ? clean(s) : '';
}
function many(values: FormValues, path: string): string[] {
  const v = values[path];
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return [...new Set(list.filter((s): s is string => typeof s === 'string' && s !== ''))]
    .map(clean)
    .slice(0, 500);
}

export interface ParsedForm {
  /**
   * The record as typed (not yet validated): what the form shows again after a problem. Empty
   * optional fields are left out, as in the dataset files, so an unchanged form is an unchanged
   * record.
   */
  document: Record<string, unknown>;
  /** Per list, how many empty rows were sent (an "add a row" shows one more than that). */
  blankRows: Record<string, number>;
}

/** Reads a posted form into a record in the dataset shape; empty rows and removed rows go. */
export function parseForm(kind: Kind, values: FormValues): ParsedForm {
  const blankRows: Record<string, number> = {};
  const document = parseFields(FORM_SPECS[kind], '', values, blankRows);
  return { document, blankRows };
}

function parseFields(
  fields: FieldSpec[],
  prefix: string,
  values: FormValues,
  blankRows: Record<string, number>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => {
    if (value !== undefined) out[name] = value;
  };
  for (const f of fields) {
    if (f.type === 'bilingual') {
      const base = f.name === null ? prefix : join(prefix, f.name);
      const text: Record<string, unknown> = {
        es: one(values, join(base, 'es')),
        en: one(values, join(base, 'en')),
      };
      if (f.states)
        for (const lang of ['es', 'en'])
          text[`${lang}_state`] = one(values, join(base, `${lang}_state`)) || undefined;
      if (f.verification) text.verification = one(values, join(base, 'verification')) || undefined;
      if (f.name === null) Object.assign(out, text);
      else if (f.nullable && !String(text.es).trim() && !String(text.en).trim()) continue;
      else set(f.name, text);
      continue;
    }
    const path = join(prefix, f.name);
    switch (f.type) {
      case 'text': {
        const s = one(values, path);
        set(f.name, f.optional && !s.trim() ? undefined : s);
        break;
      }
      case 'number': {
        const s = one(values, path).trim();
        set(f.name, s === '' ? undefined : /^-?\d{1,12}$/.test(s) ? Number(s) : s);
        break;
      }
      case 'choice':
        set(f.name, one(values, path) || undefined);
        break;
      case 'ref':
        set(f.name, one(values, path) || undefined);
        break;
      case 'choices':
      case 'refs':
        set(f.name, many(values, path));
        break;
      case 'flag':
        set(f.name, ['on', 'true', '1'].includes(one(values, path)));
        break;
      case 'group': {
        const group = parseFields(f.fields, path, values, blankRows);
        set(f.name, f.nullable && isBlank(f.fields, path, values) ? undefined : group);
        break;
      }
      case 'rows': {
        const rows: unknown[] = [];
        let blank = 0;
        for (const index of rowIndexes(values, path)) {
          const row = rowPath(path, index);
          if (one(values, `${row}._remove`)) continue;
          if (isBlank(f.fields, row, values)) {
            blank += 1;
            continue;
          }
          rows.push(parseFields(f.fields, row, values, blankRows));
        }
        blankRows[path] = blank;
        set(f.name, rows);
        break;
      }
    }
  }
  return out;
}

/** The row numbers posted for a list, in order (gaps allowed: rows can be removed). */
function rowIndexes(values: FormValues, path: string): number[] {
  const prefix = `${path}[`;
  const found = new Set<number>();
  for (const key of Object.keys(values)) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(\d{1,4})\]/.exec(key.slice(prefix.length));
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b).slice(0, MAX_ROWS);
}

/** True when nothing was typed in these fields (choices with a preselected value do not count). */
function isBlank(fields: FieldSpec[], prefix: string, values: FormValues): boolean {
  return fields.every((f) => {
    if (f.type === 'bilingual') {
      const base = f.name === null ? prefix : join(prefix, f.name);
      return !one(values, join(base, 'es')).trim() && !one(values, join(base, 'en')).trim();
    }
    const path = join(prefix, f.name);
    switch (f.type) {
      case 'text':
      case 'number':
      case 'ref':
        return !one(values, path).trim();
      case 'choices':
      case 'refs':
        return many(values, path).length === 0;
      case 'flag':
        return !one(values, path);
      case 'group':
        return isBlank(f.fields, path, values);
      default:
        return true;
    }
  });
}

/**
 * A translator's save: the stored record with only the texts and their translation states taken
 * from the form, whatever else the form carries (rows cannot be added, removed or reordered).
 */
export function applyTranslations(
  kind: Kind,
  base: Record<string, unknown>,
  values: FormValues,
): Record<string, unknown> {
  const copy = structuredClone(base);
  const walk = (fields: FieldSpec[], target: Record<string, unknown>, prefix: string) => {
    for (const f of fields) {
      if (f.type === 'bilingual') {
        const path = f.name === null ? prefix : join(prefix, f.name);
        const holder =
          f.name === null ? target : (target[f.name] as Record<string, unknown> | null | undefined);
        const keys = f.states ? ['es', 'en', 'es_state', 'en_state'] : ['es', 'en'];
        if (holder && typeof holder === 'object') {
          for (const key of keys)
            if (join(path, key) in values) holder[key] = one(values, join(path, key));
          for (const key of ['es_state', 'en_state']) if (holder[key] === '') delete holder[key];
        } else if (f.nullable && f.name !== null) {
          const es = one(values, join(path, 'es'));
          const en = one(values, join(path, 'en'));
          if (es.trim() || en.trim()) target[f.name] = { es, en };
        }
        continue;
      }
      const child = target[f.name];
      if (f.type === 'group' && child && typeof child === 'object')
        walk(f.fields, child as Record<string, unknown>, join(prefix, f.name));
      if (f.type === 'rows' && Array.isArray(child))
        child.forEach((row, i) => {
          if (row && typeof row === 'object')
            walk(f.fields, row as Record<string, unknown>, rowPath(join(prefix, f.name), i));
        });
    }
  };
  walk(FORM_SPECS[kind], copy, '');
  return copy;
}

/** Whether a field can no longer change, for an item that exists (published now or not). */
export const isFixed = (spec: FieldSpec, item: { published: boolean }) =>
  spec.type === 'text' &&
  (spec.fixed === 'created' || (spec.fixed === 'published' && item.published));

/** Keeps the fields that can no longer change (slug; OCD id once published) as stored. */
export function keepFixedFields(
  kind: Kind,
  base: Record<string, unknown>,
  document: Record<string, unknown>,
  item: { published: boolean },
): Record<string, unknown> {
  const out = { ...document };
  for (const f of FORM_SPECS[kind])
    if (f.type === 'text' && isFixed(f, item) && f.name in base) out[f.name] = base[f.name];
  return out;
}

// ------------------------------------------------------------------------------------------------
// Validation problems -> messages beside the fields
// ------------------------------------------------------------------------------------------------

export interface RefOption {
  value: string;
  label: string;
}
export type FormOptions = Readonly<Record<RefKind, RefOption[]>>;

/** Schema problems first (the record's own rules), then references to records that do not exist. */
export function checkDocument(
  kind: Kind,
  document: Record<string, unknown>,
  options: FormOptions,
): FieldProblem[] {
  const parsed = documentSchemas[kind].safeParse(document);
  const problems = parsed.success ? [] : fieldProblems(parsed.error);
  const known = Object.fromEntries(
    Object.entries(options).map(([k, list]) => [k, new Set(list.map((o) => o.value))]),
  ) as Record<RefKind, Set<string>>;
  const walk = (fields: FieldSpec[], value: unknown, prefix: string) => {
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const f of fields) {
      if (f.type === 'bilingual') continue;
      const path = join(prefix, f.name);
      const v = record[f.name];
      if (f.type === 'ref' && typeof v === 'string' && v && !known[f.ref].has(v))
        problems.push({ name: path, reason: 'editorial.error.unknown_reference' });
      if (f.type === 'refs' && Array.isArray(v))
        v.forEach((s, i) => {
          if (typeof s === 'string' && !known[f.ref].has(s))
            problems.push({
              name: path,
              reason: 'editorial.error.unknown_reference',
              values: { i },
            });
        });
      if (f.type === 'group') walk(f.fields, v, path);
      if (f.type === 'rows' && Array.isArray(v))
        v.forEach((row, i) => walk(f.fields, row, rowPath(path, i)));
    }
  };
  walk(FORM_SPECS[kind], document, '');
  // "/admin/content/{kind}/new" is the page that creates one: no item can have that address.
  if (document.slug === 'new')
    problems.push({ name: 'slug', reason: 'editorial.error.slug_reserved' });
  return problems;
}

/** Field errors keyed by normalized path, each a sentence in the reader's language. */
export type PathErrors = Record<string, string>;

const REASONS: Readonly<Record<string, string>> = {
  'validation.required': 'editorial.error.required',
  'validation.unknown_value': 'editorial.error.choose',
  'validation.not_whole_number': 'editorial.error.whole_number',
  'validation.too_small': 'editorial.error.too_small',
  'validation.too_big': 'editorial.error.too_big',
  'validation.too_long': 'editorial.error.too_long',
  'validation.not_a_date': 'editorial.error.date',
  'validation.not_an_ocd_id': 'editorial.error.ocd',
};
const FORMAT_REASONS: Readonly<Record<string, string>> = {
  slug: 'editorial.error.slug',
  ocd: 'editorial.error.ocd',
  date: 'editorial.error.date',
  url: 'editorial.error.url',
};

/** Translates problems (ours or the service's) for the form; the first per field wins. */
export function problemMessages(
  kind: Kind,
  ctx: PageContext,
  problems: readonly FieldProblem[],
): PathErrors {
  const errors: PathErrors = {};
  for (const p of problems) {
    const name = normalizeFieldName(p.name);
    if (errors[name]) continue;
    const spec = findSpec(kind, name);
    let reason = REASONS[p.reason] ?? p.reason;
    if (reason === 'editorial.error.required' && (spec?.type === 'choice' || spec?.type === 'ref'))
      reason = 'editorial.error.choose';
    if (reason === 'validation.invalid' || reason === 'editorial.error.invalid') {
      if (spec?.type === 'text' && spec.format) reason = FORMAT_REASONS[spec.format]!;
      else if (spec?.type === 'bilingual') reason = 'editorial.error.one_language';
      else if (spec?.type === 'rows') reason = 'editorial.error.source';
    }
    if (reason.startsWith('validation.custom') || !(reason in catalogs[ctx.locale]))
      reason = 'editorial.error.invalid';
    const values = { min: '', max: '', ...p.values };
    errors[name] = ctx.t(reason, values);
  }
  return errors;
}

/**
 * The field a path names: "provisions[2].en" -> the provision's bilingual text; a row path
 * ("sources[0]") -> its list (a row-level rule such as "a url or a citation").
 */
export function findSpec(kind: Kind, path: string): FieldSpec | undefined {
  const parts = path.replace(/\[\d+\]/g, '').split('.');
  let fields: FieldSpec[] = FORM_SPECS[kind];
  let found: FieldSpec | undefined;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const direct = fields.find((f) => f.type !== 'bilingual' && f.name === part);
    const bilingual = fields.find((f) => f.type === 'bilingual' && f.name === part);
    const flat = fields.find((f) => f.type === 'bilingual' && f.name === null);
    if (direct) {
      found = direct;
      if (direct.type === 'group' || direct.type === 'rows') fields = direct.fields;
      else return i === parts.length - 1 ? direct : undefined;
    } else if (bilingual) return bilingual;
    else if (flat && ['es', 'en', 'es_state', 'en_state'].includes(part)) return flat;
    else return undefined;
  }
  return found;
}

// ------------------------------------------------------------------------------------------------
// Scheduled publishing: the form speaks the site's time zone, the database UTC
// ------------------------------------------------------------------------------------------------

export const SITE_TIME_ZONE = 'America/Denver';

/** Minutes the zone is ahead of UTC at an instant (Denver: -360 in summer, -420 in winter). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/**
 * A `datetime-local` value ("2026-12-01T09:00") read as wall-clock time in the site's zone; undefined
 * when it is not a real date and time.
 */
export function parseSiteTime(value: string, timeZone = SITE_TIME_ZONE): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59)
    return undefined;
  // The offset at the guessed instant, then again at the corrected one (daylight saving edges).
  let instant = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60_000;
  instant = wall - zoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** An instant as the site's wall-clock time for a `datetime-local` field. */
export function toSiteTimeInput(instant: Date, timeZone = SITE_TIME_ZONE): string {
  const local = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000);
  return local.toISOString().slice(0, 16);
}

/** An instant for people, in the site's zone and the reader's language. */
export function formatSiteTime(instant: Date, locale: 'es' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: SITE_TIME_ZONE,
  }).format(instant);
}
