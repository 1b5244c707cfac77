/**
 * The default dataset as shipped: complete, bilingual, and faithful to the facts file's
 * verification states.
 */
import { describe, expect, it } from 'vitest';
import { normalizeIdentifier } from '../../lib/slug.ts';
import { allRecords, readDatasetFolder } from './load.ts';
import type { DatasetFile } from './schema.ts';
import { findReferenceProblems } from './references.ts';

const files = readDatasetFolder();
const all = <K extends keyof DatasetFile>(key: K) => allRecords(files, key);
const policy = (slug: string) => all('policies').find((p) => p.slug === slug)!;

const FACT_KEYS = [
  'bernco-ar-2017-22',
  'bernco-2019-nondiscrimination',
  'bernco-2025-safer-community-places',
  'abq-r-00-151',
  'abq-2017-immigrant-friendly-memorial',
  'abq-r-18-7',
  'abq-2004-resolution',
  'abq-m-15-10',
  'aps-student-protection',
  'abq-minimum-wage',
  'nm-drivers-licenses',
  'nm-wage-theft',
  'nm-tuition',
  'nm-immigrant-safety-act',
];

describe('default dataset', () => {
  it('is valid and self-contained', () => {
    expect(findReferenceProblems(files)).toEqual([]);
  });

  it('holds the four jurisdictions, all 14 policies, 12+ FAQ entries and 15+ talking points', () => {
    expect(
      all('jurisdictions')
        .map((j) => j.slug)
        .sort(),
    ).toEqual(['albuquerque', 'albuquerque-public-schools', 'bernalillo-county', 'new-mexico']);
    expect(
      all('policies')
        .map((p) => p.slug)
        .sort(),
    ).toEqual([...FACT_KEYS].sort());
    expect(all('faq').length).toBeGreaterThanOrEqual(12);
    expect(all('talking_points').length).toBeGreaterThanOrEqual(15);
  });

  it('has every text in both languages', () => {
    for (const p of all('policies')) {
      for (const [name, t] of Object.entries({ title: p.title, summary: p.summary })) {
        expect(t.es.length, `${p.slug} ${name} es`).toBeGreaterThan(0);
        expect(t.en.length, `${p.slug} ${name} en`).toBeGreaterThan(0);
        expect(t.es, `${p.slug} ${name}`).not.toBe(t.en);
      }
      for (const v of p.provisions) expect(v.es && v.en && v.es !== v.en, p.slug).toBeTruthy();
      for (const a of p.actions) expect(a.description.es && a.description.en, p.slug).toBeTruthy();
    }
    for (const f of all('faq'))
      expect(f.question.es && f.question.en && f.answer.es && f.answer.en, f.slug).toBeTruthy();
    for (const t of all('talking_points')) expect(t.text.es && t.text.en, t.slug).toBeTruthy();
    for (const x of [...all('jurisdictions'), ...all('bodies'), ...all('topics')])
      expect(x.name.es && x.name.en).toBeTruthy();
  });

  it("keeps the coalition's labels as aliases, unverified where the facts say so", () => {
    const aliases = new Map(
      all('policies').flatMap((p) =>
        p.identifiers.map((i) => [normalizeIdentifier(i.value), { slug: p.slug, ...i }] as const),
      ),
    );
    expect(aliases.get('m-17-4')).toMatchObject({
      slug: 'abq-2017-immigrant-friendly-memorial',
      scheme: 'alias',
      verification: 'unverified',
    });
    expect(aliases.get('resolution-2019-22')).toMatchObject({
      slug: 'bernco-2019-nondiscrimination',
      verification: 'unverified',
    });
    expect(aliases.get('resolution-87-04')).toMatchObject({
      slug: 'abq-2004-resolution',
      verification: 'unverified',
    });
    expect(aliases.get('ar-2017-22')).toMatchObject({
      slug: 'bernco-ar-2017-22',
      verification: 'verified',
    });
  });

  it('stores unverified facts as unverified', () => {
    expect(policy('bernco-ar-2017-22').title.verification).toBe('unverified');
    expect(policy('abq-2004-resolution').verification).toBe('unverified');
    expect(policy('abq-2004-resolution').status).toBe('unknown');
    const nondiscrimination = policy('bernco-2019-nondiscrimination');
    expect(nondiscrimination.dates.adopted).toMatchObject({
      date: '2019',
      verification: 'unverified',
    });
    expect(policy('bernco-ar-2017-22').dates.adopted).toEqual({
      date: '2017-03-14',
      verification: 'verified',
    });
  });

  it('records the votes the facts file gives', () => {
    const votes = (slug: string) =>
      policy(slug).actions.flatMap((a) => (a.votes ? [[a.votes.yes, a.votes.no]] : []));
    expect(votes('bernco-ar-2017-22')).toEqual(expect.arrayContaining([[4, 1]]));
    expect(votes('abq-r-18-7')).toEqual(expect.arrayContaining([[6, 3]]));
    expect(votes('abq-2017-immigrant-friendly-memorial')).toEqual(expect.arrayContaining([[6, 1]]));
    expect(votes('bernco-2019-nondiscrimination')).toEqual(expect.arrayContaining([[5, 0]]));
  });

  it('records the roll calls the facts file names, names as given', () => {
    const events = all('vote_events');
    const named = (policy: string, date: string) => {
      const event = events.find((v) => v.policy === policy && v.date === date)!;
      return { result: event.result, counts: event.counts, votes: event.votes };
    };
    expect(events).toHaveLength(4);
    expect(named('bernco-ar-2017-22', '2017-03-14')).toMatchObject({
      result: 'pass',
      counts: { yes: 4, no: 1 },
      votes: { no: ['Wayne Johnson'], yes: [] },
    });
    // The failed repeal: the four no votes are named; the one yes is not (the facts do not say).
    expect(named('bernco-ar-2017-22', '2017-08-08')).toMatchObject({
      result: 'fail',
      counts: { yes: 1, no: 4 },
      votes: { yes: [], no: ["O'Malley", 'Quezada', 'Hart Stebbins', 'Talbert'] },
    });
    expect(named('abq-2017-immigrant-friendly-memorial', '2017-02-22').votes).toMatchObject({
      no: ['Trudy Jones'],
      absent: ['Dan Lewis', 'Don Harris'],
    });
    expect(named('abq-r-18-7', '2018-04-16').votes).toMatchObject({
      yes: ['Benton', 'Borrego', 'Davis', 'Gibson', 'Peña', 'Sanchez'],
      no: ['Harris', 'Jones', 'Winter'],
    });
    // Each roll call matches an action of its policy with the same date, body and counts.
    for (const v of events) {
      const action = policy(v.policy).actions.find((a) => a.date === v.date && a.body === v.body);
      expect(action?.votes, `${v.policy} ${v.date}`).toMatchObject({
        yes: v.counts.yes,
        no: v.counts.no,
      });
    }
  });

  it('never makes up a source address', () => {
    const urls = all('policies').flatMap((p) => p.sources.flatMap((s) => (s.url ? [s.url] : [])));
    for (const url of urls) expect(url).toMatch(/^https:\/\/www\.nmpoliticalreport\.com\//);
    expect(
      all('policies').every((p) => p.sources.length > 0 || p.slug === 'abq-2004-resolution'),
    ).toBe(true);
  });
});
