/**
 * The Markdown renderer's promise (issue 4): no script or event handler survives, whatever the
 * text. The output is parsed the way a browser would (parse5 follows the HTML standard) and every
 * element, attribute and link is checked against the allow-list; inputs are arbitrary strings and
 * strings assembled from hostile fragments mixed with Markdown syntax.
 */
import fc from 'fast-check';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import {
  MARKDOWN_ALLOWED_ATTRIBUTES,
  MARKDOWN_ALLOWED_SCHEMES,
  MARKDOWN_ALLOWED_TAGS,
  renderMarkdown,
  sanitizeMarkdownHtml,
} from './markdown.ts';

type Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['documentFragment'];
type Element = DefaultTreeAdapterMap['element'];

const RUNS = { numRuns: 10_000 };
const NEVER = ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'img', 'base'];

function elementsOf(html: string): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) out.push(node);
    // <template> keeps its children apart, in `content`.
    if ('content' in node) walk(node.content);
    if ('childNodes' in node) node.childNodes.forEach(walk);
  };
  walk(parseFragment(html));
  return out;
}

/** Resolved as a browser would (tabs and newlines inside a scheme removed, entities decoded). */
function schemeOf(href: string): string {
  return new URL(href, 'https://igualdad.example/es/policies/x').protocol.slice(0, -1);
}

/** Every way the output could run code or leave the allow-list; empty when it is safe. */
function problemsIn(html: string): string[] {
  const problems: string[] = [];
  for (const el of elementsOf(html)) {
    if (NEVER.includes(el.tagName)) problems.push(`<${el.tagName}> element`);
    if (!MARKDOWN_ALLOWED_TAGS.includes(el.tagName)) problems.push(`<${el.tagName}> not allowed`);
    for (const { name, value } of el.attrs) {
      if (name.toLowerCase().startsWith('on')) problems.push(`${name} handler on <${el.tagName}>`);
      if (name.toLowerCase() === 'style') problems.push(`style on <${el.tagName}>`);
      if (!MARKDOWN_ALLOWED_ATTRIBUTES[el.tagName]?.includes(name))
        problems.push(`${name} not allowed on <${el.tagName}>`);
      if (name === 'href' && !MARKDOWN_ALLOWED_SCHEMES.includes(schemeOf(value)))
        problems.push(`href ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<script',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)"',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  // Mutation XSS: markup a parser reads one way and a browser another after re-serialization.
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<xmp><script>alert(1)</script></xmp>',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<title><img src=x onerror=alert(1)></title>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<plaintext><a href="javascript:alert(1)">x',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">',
  '<object data="data:text/html,<script>alert(1)</script>">',
  '<embed src=x>',
  '<style>body{display:none}</style>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href=vbscript:msgbox(1)>x</a>',
  '<a onclick="alert(1)" href="#">x</a>',
  '<a href="x" onmouseover=alert(1)',
  '<div onclick=alert(1)>',
  '<body onload=alert(1)>',
  '<base href="javascript:/">',
  '<template><script>alert(1)</script></template>',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x]( javascript:alert(1) )',
  '[x](<javascript:alert(1)>)',
  '[x](jav&#x61;script:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](java%73cript:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](data:text/html,<script>alert(1)</script>)',
  '[x](vbscript:msgbox(1))',
  '[x](//evil.example/)',
  '[x](https://ok.example/ "t\\" onmouseover=\\"alert(1)")',
  '![x](javascript:alert(1))',
  '![x](https://evil.example/pixel.png)',
  '<javascript:alert(1)>',
  '<https://ok.example/>',
  '[ref]: javascript:alert(1)\n\n[ref]',
  '[ref]\n\n[ref]: data:text/html,x',
  '`<script>`',
  '```html\n<script>alert(1)</script>\n```',
  '    <script>alert(1)</script>',
  '> <img src=x onerror=alert(1)>',
  '| a | b |\n|:-|-:|\n| <script> | x |',
  '" onerror="alert(1)',
  "' onload='alert(1)",
  'style="x"',
  '<a href="mailto:someone@example.org">m</a>',
  '[m](mailto:someone@example.org)',
  '[ok](https://example.org/path?q=1#f)',
  '[rel](/es/faq#x)',
];

const MARKDOWN_BITS = [
  '\n',
  '\n\n',
  '# ',
  '### ',
  '- ',
  '1. ',
  '3) ',
  '> ',
  '**',
  '_',
  '~~',
  '`',
  '```\n',
  '[',
  '](',
  ')',
  '<',
  '>',
  '"',
  '&',
  '|',
  '---\n',
  '  \n',
  '\\',
];

const hostileText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 3, arbitrary: fc.constantFrom(...MARKDOWN_BITS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

describe('renderMarkdown (property: no script, handler or hostile link survives)', () => {
  it('for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(problemsIn(renderMarkdown(text))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('for strings built from hostile fragments and Markdown syntax', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(problemsIn(renderMarkdown(text))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('in the sanitizer alone, as if markdown-it let raw HTML through', () => {
    fc.assert(
      fc.property(hostileText, (html) => {
        expect(problemsIn(sanitizeMarkdownHtml(html))).toEqual([]);
      }),
      RUNS,
    );
  });

  it.each(HOSTILE)('for the fragment %j on its own, rendered and sanitized alone', (text) => {
    expect(problemsIn(renderMarkdown(text))).toEqual([]);
    expect(problemsIn(sanitizeMarkdownHtml(text))).toEqual([]);
  });

  // The checker itself must see what it looks for, or the properties above prove nothing.
  it.each([
    ['<script>x</script>', '<script> element'],
    ['<p onclick="x">y</p>', 'onclick handler on <p>'],
    ['<p style="x">y</p>', 'style on <p>'],
    ['<a href=" JaVa&#x09;Script:x">y</a>', 'href " JaVa\\tScript:x"'],
    ['<template><img src=x></template>', '<img> element'],
  ])('the checker flags %j', (html, problem) => {
    expect(problemsIn(html)).toContain(problem);
  });
});

describe('renderMarkdown (ordinary Markdown renders as before)', () => {
  it('renders paragraphs, emphasis and lists', () => {
    expect(renderMarkdown('Some *emphasis* and **strong** text.\n\n- one\n- two\n')).toBe(
      '<p>Some <em>emphasis</em> and <strong>strong</strong> text.</p>\n' +
        '<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });

  it('moves headings down to h3-h6 so they nest under the page h2', () => {
    expect(renderMarkdown('# One\n\n## Two\n\n#### Four\n')).toBe(
      '<h3>One</h3>\n<h4>Two</h4>\n<h6>Four</h6>\n',
    );
    // Under a heading of the page's own h3 (an FAQ answer under its question).
    expect(renderMarkdown('# One\n\n### Three\n', { firstHeading: 4 })).toBe(
      '<h4>One</h4>\n<h6>Three</h6>\n',
    );
  });

  it('keeps http(s), mailto and relative links, with rel, and drops javascript: ones', () => {
    expect(renderMarkdown('[site](https://example.org/a?b=1) [mail](mailto:x@example.org)')).toBe(
      '<p><a href="https://example.org/a?b=1" rel="nofollow noopener">site</a> ' +
        '<a href="mailto:x@example.org" rel="nofollow noopener">mail</a></p>\n',
    );
    expect(renderMarkdown('[faq](/es/faq#x)')).toBe(
      '<p><a href="/es/faq#x" rel="nofollow noopener">faq</a></p>\n',
    );
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
  });

  it('keeps a numbered list that starts past 1, and escapes a wrapped line starting "1. "', () => {
    expect(renderMarkdown('3. three\n4. four\n')).toBe(
      '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n',
    );
    expect(renderMarkdown('Approved in\n2017. Then more.\n')).toBe(
      '<p>Approved in\n2017. Then more.</p>\n',
    );
  });

  it('shows raw HTML as text, never as markup', () => {
    expect(renderMarkdown('Hello <b onclick="x">there</b>')).toBe(
      '<p>Hello &lt;b onclick="x"&gt;there&lt;/b&gt;</p>\n',
    );
  });

  it('renders code, quotes, rules and tables without attributes', () => {
    expect(renderMarkdown('```js\nlet a = 1 < 2;\n```\n\n> quoted\n\n---\n')).toBe(
      '<pre><code>let a = 1 &lt; 2;\n</code></pre>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr />\n',
    );
    expect(renderMarkdown('| a | b |\n|:-|-:|\n| 1 | 2 |\n')).toBe(
      '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });
});
