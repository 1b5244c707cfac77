/**
 * The optional address geocoder (decision 018): turns an address typed on "Who represents me"
 * into a point, through the U.S. Census Bureau geocoder or a Nominatim server. The address goes
 * to that service and nowhere else: it is never logged, stored, or put in one of our URLs, and a
 * failure carries only its reason, never the address or the request URL that holds it.
 */
import { z } from 'zod';
import type { GeocoderConfig } from '../../config.ts';

export interface GeocodedPlace {
  lat: number;
  lon: number;
  /** The address as the service understood it, so the reader can check the match. */
  label: string;
}

export interface Geocoder {
  readonly service: GeocoderConfig['service'];
  /** The service's host, named on the page so the reader knows where the address goes. */
  readonly host: string;
  /** The best match for the address, or null when the service found none. */
  locate(address: string, signal?: AbortSignal): Promise<GeocodedPlace | null>;
}

export type GeocoderFailureReason = 'timeout' | 'unavailable' | 'bad_response';

/** The service did not answer usefully. Safe to log: it holds no address. */
export class GeocoderFailure extends Error {
  constructor(readonly reason: GeocoderFailureReason) {
    super(`geocoder ${reason}`);
  }
}

const latitude = z.coerce.number().min(-90).max(90);
const longitude = z.coerce.number().min(-180).max(180);
const MAX_LABEL = 300;

// Only the fields we read; the services send much more.
const censusAnswer = z.object({
  result: z.object({
    addressMatches: z.array(
      z.object({
        matchedAddress: z.string(),
        coordinates: z.object({ x: longitude, y: latitude }),
      }),
    ),
  }),
});

const nominatimAnswer = z.array(
  z.object({ lat: latitude, lon: longitude, display_name: z.string() }),
);

/** Joins an endpoint path to a base URL that may itself have a path (a server under /nominatim). */
function endpoint(base: string, path: string, params: Record<string, string>): URL {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

async function fetchJson(
  url: URL,
  options: { userAgent: string; timeoutMs: number; signal: AbortSignal | undefined },
): Promise<unknown> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', 'user-agent': options.userAgent },
      // A redirect could send the address on to a host nobody configured.
      redirect: 'error',
      signal,
    });
  } catch {
    throw new GeocoderFailure(timeout.aborted ? 'timeout' : 'unavailable');
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new GeocoderFailure('unavailable');
  }
  try {
    return await response.json();
  } catch {
    throw new GeocoderFailure(timeout.aborted ? 'timeout' : 'bad_response');
  }
}

function parsed<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new GeocoderFailure('bad_response');
  return result.data;
}

const place = (lat: number, lon: number, label: string): GeocodedPlace => ({
  lat,
  lon,
  label: label.trim().slice(0, MAX_LABEL),
});

/**
 * The geocoder the configuration names, or null when it is off. `userAgent` identifies this
 * site to the service, as Nominatim's usage policy asks.
 */
export function createGeocoder(
  config: GeocoderConfig | undefined,
  { userAgent }: { userAgent: string },
): Geocoder | null {
  if (!config) return null;
  const request = (url: URL, signal: AbortSignal | undefined) =>
    fetchJson(url, { userAgent, timeoutMs: config.timeoutMs, signal });
  const host = new URL(config.url).host;
  if (config.service === 'census')
    return {
      service: 'census',
      host,
      async locate(address, signal) {
        const url = endpoint(config.url, 'geocoder/locations/onelineaddress', {
          address,
          benchmark: 'Public_AR_Current',
          format: 'json',
        });
        const [match] = parsed(censusAnswer, await request(url, signal)).result.addressMatches;
        return match ? place(match.coordinates.y, match.coordinates.x, match.matchedAddress) : null;
      },
    };
  return {
    service: 'nominatim',
    host,
    async locate(address, signal) {
      const url = endpoint(config.url, 'search', { q: address, format: 'jsonv2', limit: '1' });
      const [match] = parsed(nominatimAnswer, await request(url, signal));
      return match ? place(match.lat, match.lon, match.display_name) : null;
    },
  };
}
