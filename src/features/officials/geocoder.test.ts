import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type GeocoderConfig } from '../../config.ts';
import { createGeocoder, GeocoderFailure, type Geocoder } from './geocoder.ts';
import { startFakeGeocoder, type FakeGeocoder } from './geocoder-test-kit.ts';

const SECRETS = { SESSION_SECRET: 'a'.repeat(43), MASTER_KEY: 'b'.repeat(43) };
const AGENT = 'Igualdad (+http://igualdad.test)';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...SECRETS, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('GEOCODER configuration', () => {
  it('is off by default', () => {
    expect(loadConfig(SECRETS).geocoder).toBeUndefined();
    expect(loadConfig({ ...SECRETS, GEOCODER: 'off' }).geocoder).toBeUndefined();
  });

  it('uses the Census Bureau by default for census, and any base URL given', () => {
    expect(loadConfig({ ...SECRETS, GEOCODER: 'census' }).geocoder).toEqual({
      service: 'census',
      url: 'https://geocoding.geo.census.gov',
      timeoutMs: 5000,
    });
    expect(
      loadConfig({
        ...SECRETS,
        GEOCODER: 'nominatim',
        GEOCODER_URL: 'https://geo.example.org/nominatim/',
        GEOCODER_TIMEOUT_MS: '2500',
      }).geocoder,
    ).toEqual({ service: 'nominatim', url: 'https://geo.example.org/nominatim', timeoutMs: 2500 });
  });

  it('lists bad values with the other problems', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      GEOCODER: 'google',
      GEOCODER_URL: 'ftp://x',
      GEOCODER_TIMEOUT_MS: '0',
    });
    for (const name of ['PORT', 'GEOCODER ', 'GEOCODER_URL', 'GEOCODER_TIMEOUT_MS'])
      expect(problems.join('\n')).toContain(name);
  });

  it('requires the server of a Nominatim, and refuses a URL while the geocoder is off', () => {
    expect(problemsOf({ GEOCODER: 'nominatim' })).toEqual([
      expect.stringMatching(/^GEOCODER_URL is required when GEOCODER=nominatim/),
    ]);
    expect(problemsOf({ GEOCODER_URL: 'https://geo.example.org' })).toEqual([
      expect.stringMatching(/^GEOCODER_URL is set but GEOCODER is off/),
    ]);
  });
});

describe('geocoder adapters (against a local fake server)', () => {
  let fake: FakeGeocoder;
  let census: Geocoder;
  let nominatim: Geocoder;
  // Generous, so a loaded machine cannot fail the other cases; short only where it is the point.
  const make = (config: Omit<GeocoderConfig, 'timeoutMs'>, timeoutMs = 10_000) =>
    createGeocoder({ ...config, timeoutMs }, { userAgent: AGENT })!;
  beforeAll(async () => {
    fake = await startFakeGeocoder({ lat: 35.0844, lon: -106.6504 });
    census = make({ service: 'census', url: fake.url });
    nominatim = make({ service: 'nominatim', url: `${fake.url}/nominatim` });
  });
  afterAll(() => fake.close());
  const last = () => fake.requests.at(-1)!;

  it('is null when the configuration turns it off', () => {
    expect(createGeocoder(undefined, { userAgent: AGENT })).toBeNull();
  });

  it('asks the Census one-line endpoint for JSON and reads the first match', async () => {
    const found = await census.locate('1 Civic Plaza NW, Albuquerque, NM');
    expect(found).toEqual({
      lat: 35.0844,
      lon: -106.6504,
      label: '1 CIVIC PLAZA NW, ALBUQUERQUE, NM',
    });
    expect(last().path).toBe('/geocoder/locations/onelineaddress');
    expect(Object.fromEntries(last().params)).toEqual({
      address: '1 Civic Plaza NW, Albuquerque, NM',
      benchmark: 'Public_AR_Current',
      format: 'json',
    });
    expect(last().userAgent).toBe(AGENT);
    expect(census.host).toBe(new URL(fake.url).host);
  });

  it('asks a Nominatim server under its own path, identifying this site', async () => {
    const found = await nominatim.locate('Plaza Cívica, Albuquerque');
    expect(found).toEqual({ lat: 35.0844, lon: -106.6504, label: 'Plaza Cívica, Albuquerque' });
    expect(last().path).toBe('/nominatim/search');
    expect(Object.fromEntries(last().params)).toEqual({
      q: 'Plaza Cívica, Albuquerque',
      format: 'jsonv2',
      limit: '1',
    });
    expect(last().userAgent).toBe(AGENT);
  });

  it.each(['census', 'nominatim'] as const)('%s: no match is null', async (service) => {
    const geocoder = service === 'census' ? census : nominatim;
    expect(await geocoder.locate('nowhere at all')).toBeNull();
  });

  it.each([
    ['broken', 'unavailable'],
    ['garbled', 'bad_response'],
    ['odd', 'bad_response'],
    ['moved', 'unavailable'],
    ['slow', 'timeout'],
  ])('%s answers become a GeocoderFailure (%s) without the address', async (address, reason) => {
    const impatient = [
      make({ service: 'census', url: fake.url }, 300),
      make({ service: 'nominatim', url: `${fake.url}/nominatim` }, 300),
    ];
    for (const geocoder of address === 'slow' ? impatient : [census, nominatim]) {
      const failure = await geocoder.locate(`12 ${address} street`).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(GeocoderFailure);
      expect(failure).toMatchObject({ reason });
      expect(String((failure as Error).message)).not.toContain('street');
    }
    // A redirect is not followed: the address must not travel on to a host nobody configured.
    expect(fake.requests.some((r) => r.path === '/elsewhere')).toBe(false);
  });

  it('reports a server that is not there as unavailable', async () => {
    const gone = await startFakeGeocoder({ lat: 0, lon: 0 });
    await gone.close();
    const geocoder = make({ service: 'census', url: gone.url });
    await expect(geocoder.locate('1 Main St')).rejects.toMatchObject({ reason: 'unavailable' });
  });

  it('stops when the caller gives up', async () => {
    const controller = new AbortController();
    const pending = census.locate('slow lane', controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ reason: 'unavailable' });
  });
});
