/**
 * A local stand-in for the Census and Nominatim geocoders (tests never reach the real ones).
 * What it answers depends on the address: one containing "nowhere" has no match, "broken" gets a
 * 500, "garbled" a body that is not JSON, "odd" JSON of another shape, "moved" a redirect, and
 * "slow" no answer at all; any other address is found at the given point.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGeocoder {
  /** Base URL, for GEOCODER_URL. Nominatim is served under /nominatim, as a real server may be. */
  url: string;
  requests: { path: string; params: URLSearchParams; userAgent: string | undefined }[];
  close(): Promise<void>;
}

function answer(res: ServerResponse, address: string, body: unknown) {
  if (address.includes('broken')) return res.writeHead(500).end('{"error":"down"}');
  if (address.includes('garbled')) return res.writeHead(200).end('<html>maintenance</html>');
  if (address.includes('odd')) return res.writeHead(200).end('{"matches":"none"}');
  if (address.includes('moved'))
    return res.writeHead(302, { location: '/elsewhere?leaked=1' }).end();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFakeGeocoder(at: { lat: number; lon: number }): Promise<FakeGeocoder> {
  const requests: FakeGeocoder['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake.test');
    requests.push({
      path: url.pathname,
      params: url.searchParams,
      userAgent: req.headers['user-agent'],
    });
    const address = url.searchParams.get('address') ?? url.searchParams.get('q') ?? '';
    // Never answered: the caller's timeout has to end it.
    if (address.includes('slow')) return;
    const none = address.includes('nowhere');
    if (url.pathname === '/geocoder/locations/onelineaddress')
      return answer(res, address, {
        result: {
          input: { address: { address } },
          addressMatches: none
            ? []
            : [
                {
                  matchedAddress: address.toUpperCase(),
                  coordinates: { x: at.lon, y: at.lat },
                },
              ],
        },
      });
    if (url.pathname === '/nominatim/search')
      return answer(
        res,
        address,
        none ? [] : [{ lat: String(at.lat), lon: String(at.lon), display_name: address }],
      );
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
