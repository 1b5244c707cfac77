/**
 * For the editorial page tests: reads a form out of a page the way a browser submits it (parse5
 * follows the HTML standard), so a test edits the fields a person sees and posts them back,
 * repeated names (checkboxes, multiple selects) included.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Browser } from '../accounts/test-kit.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export type Pairs = [string, string][];

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const has = (el: Element, name: string) => el.attrs.some((a) => a.name === name);
const children = (n: Node): Node[] => ('childNodes' in n ? n.childNodes : []);
const textOf = (n: Node): string =>
  n.nodeName === '#text'
    ? (n as DefaultTreeAdapterMap['textNode']).value
    : children(n).map(textOf).join('');

function* walk(n: Node): Generator<Element> {
  for (const child of children(n)) {
    if ('tagName' in child) yield child as Element;
    yield* walk(child);
  }
}

/** The successful controls of the first form whose action ends with `action` (or the class). */
export function readForm(html: string, match: { action?: string; className?: string }): Pairs {
  const form = [...walk(parse(html))].find(
    (el) =>
      el.tagName === 'form' &&
      (match.action === undefined || (attr(el, 'action') ?? '').endsWith(match.action)) &&
      (match.className === undefined ||
        (attr(el, 'class') ?? '').split(' ').includes(match.className)),
  );
  if (!form) throw new Error(`no form ${JSON.stringify(match)}`);
  const pairs: Pairs = [];
  for (const el of walk(form)) {
    const name = attr(el, 'name');
    if (!name || has(el, 'disabled')) continue;
    if (el.tagName === 'input') {
      const type = attr(el, 'type') ?? 'text';
      if (type === 'submit' || type === 'button') continue;
      if ((type === 'checkbox' || type === 'radio') && !has(el, 'checked')) continue;
      pairs.push([name, attr(el, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (el.tagName === 'textarea') {
      pairs.push([name, textOf(el)]);
    } else if (el.tagName === 'select') {
      const options = [...walk(el)].filter((o) => o.tagName === 'option');
      const chosen = options.filter((o) => has(o, 'selected'));
      const value = (o: Element) => attr(o, 'value') ?? textOf(o);
      if (has(el, 'multiple')) for (const o of chosen) pairs.push([name, value(o)]);
      else if (chosen.length || options.length) pairs.push([name, value(chosen[0] ?? options[0]!)]);
    }
  }
  return pairs;
}

/** Sets a field (the first of that name, or a new one). */
export function setField(pairs: Pairs, name: string, value: string): Pairs {
  const at = pairs.findIndex(([n]) => n === name);
  if (at < 0) return [...pairs, [name, value]];
  return pairs.map((p, i) => (i === at ? [name, value] : p));
}

export const getField = (pairs: Pairs, name: string) => pairs.find(([n]) => n === name)?.[1];

/** Posts pairs (repeated names kept) with the browser's cookies and CSRF token, same-origin. */
export async function postPairs(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  b: Browser,
  path: string,
  pairs: Pairs,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams(pairs.filter(([n]) => n !== '_csrf'));
  body.append('_csrf', b.csrf);
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await app.request(path, {
    method: 'POST',
    body: body.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost',
      'sec-fetch-site': 'same-origin',
      'x-forwarded-for': b.address,
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
  });
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token) b.csrf = token;
  return { status: res.status, html, location: res.headers.get('location') };
}
