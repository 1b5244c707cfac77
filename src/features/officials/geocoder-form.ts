/**
 * The address field of "Who represents me": reads what was typed, asks the configured geocoder,
 * and turns every outcome into a point or a catalog key for the page. Nothing here logs the
 * address; a failure is logged with the service's name and the reason only.
 */
import { z } from 'zod';
import type { Logger } from '../../lib/logger.ts';
import type { Point } from '../divisions/lookup.ts';
import { GeocoderFailure, type Geocoder } from './geocoder.ts';

export const MAX_ADDRESS = 200;

/** One line: runs of spaces, tabs and line breaks become one space; other control characters are refused. */
const addressField = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(MAX_ADDRESS)
      .regex(/^[^\p{Cc}]*$/u),
  );

export type AddressLookup =
  | { point: Point; label: string; address: string }
  | { problem: string; status: 400 | 503; address: string };

/** Geocodes the typed address; bad input is a 400 note, a service failure a 503 note, never a 500. */
export async function lookUpAddress(
  geocoder: Geocoder,
  typed: unknown,
  logger: Logger,
): Promise<AddressLookup> {
  const raw = typeof typed === 'string' ? typed : '';
  const field = addressField.safeParse(raw);
  if (!field.success) {
    const address = raw.slice(0, MAX_ADDRESS);
    return raw.trim()
      ? { problem: 'officials.reps.error_address', status: 400, address }
      : { problem: 'officials.reps.missing_address', status: 400, address };
  }
  const address = field.data;
  try {
    const found = await geocoder.locate(address);
    if (!found) return { problem: 'officials.reps.address_not_found', status: 400, address };
    return { point: { lat: found.lat, lon: found.lon }, label: found.label, address };
  } catch (error) {
    const reason = error instanceof GeocoderFailure ? error.reason : 'unavailable';
    logger.warn({ geocoder: geocoder.service, reason }, 'geocoder failed');
    return { problem: 'officials.reps.geocoder_unavailable', status: 503, address };
  }
}
