/**
 * Helpers for the account tests: a browser with a cookie jar that reads the CSRF token from the
 * last page, and a user created the way the command line does, with a password already set.
 */
import type { createApp } from '../../app.ts';
import type { Services } from '../../services.ts';
import { accountContext } from './context.ts';
import type { Role } from './permissions.ts';
import { createUser, setPasswordWithLink } from './service.ts';

type App = ReturnType<typeof createApp>;

export const GOOD_PASSWORD = 'maíz azul para el invierno';

export interface Browser {
  cookies: Map<string, string>;
  /** The last CSRF token seen in a page. */
  csrf: string;
  address: string;
  get(path: string, headers?: Record<string, string>): Promise<Page>;
  post(
    path: string,
    fields: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Page>;
}

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

/** A same-origin browser at an address (sent as X-Forwarded-For: use with trustProxy). */
export function browser(app: App, address = '203.0.113.7'): Browser {
  const cookies = new Map<string, string>();
  const b: Browser = {
    cookies,
    csrf: '',
    address,
    async get(path, headers = {}) {
      return send(path, { method: 'GET', headers });
    },
    async post(path, fields, headers = {}) {
      const body = new URLSearchParams({ _csrf: b.csrf, ...fields });
      return send(path, {
        method: 'POST',
        body: body.toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://localhost',
          'sec-fetch-site': 'same-origin',
          ...headers,
        },
      });
    },
  };
  async function send(
    path: string,
    init: { method: string; body?: string; headers: Record<string, string> },
  ) {
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.request(path, {
      ...init,
      headers: {
        'x-forwarded-for': b.address,
        ...(cookie ? { cookie } : {}),
        ...init.headers,
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) b.csrf = token;
    return {
      status: res.status,
      headers: res.headers,
      html,
      location: res.headers.get('location'),
    };
  }
  return b;
}

/** Creates a user and sets their password through their set-up link. */
export async function createUserWithPassword(
  services: Services,
  {
    email,
    role = 'admin',
    password = GOOD_PASSWORD,
  }: { email: string; role?: Role; password?: string },
): Promise<string> {
  const created = await createUser(services.db, {
    email,
    role,
    locale: 'en',
    actorId: null,
    now: accountContext(services).now(),
  });
  const result = await setPasswordWithLink(services, {
    token: created.token,
    purpose: 'set_up',
    password,
    email,
  });
  if (!result.ok) throw new Error(`set-up failed: ${result.problem}`);
  return created.userId;
}

/** A controllable clock for one app: `clock.advance(ms)`. */
export function manualClock(start = Date.now()) {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}
