/**
 * ETags as hono's etag() middleware computes them, for routes that set their own (decision 012):
 * setting it in the route spares the middleware a copy of the response and a second read of it.
 */
import { hash as digest } from 'node:crypto';

/** hono's etag() reads a body in chunks of this many bytes, each hashed after the last hash. */
const ETAG_CHUNK = 262_144;

/** SHA-1 through node:crypto, synchronously: the same digest as hono's default (Web Crypto). */
export const sha1 = (bytes: Uint8Array) => digest('sha1', bytes, 'buffer');

/**
 * The ETag hono's etag() middleware gives a body: the SHA-1 of it when shorter than a chunk,
 * else of each chunk after the previous chunk's hash. A route that sets it itself spares the
 * middleware a copy of the response and a second read of its body.
 */
export function bodyEtag(body: string): string {
  if (Buffer.byteLength(body) < ETAG_CHUNK) return `"${digest('sha1', body)}"`;
  const bytes = Buffer.from(body);
  let hash: Buffer | undefined;
  for (let at = 0; at < bytes.length; at += ETAG_CHUNK) {
    const chunk = bytes.subarray(at, at + ETAG_CHUNK);
    hash = sha1(hash ? Buffer.concat([hash, chunk]) : chunk);
  }
  return `"${hash?.toString('hex') ?? ''}"`;
}
