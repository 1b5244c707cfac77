/**
 * Long texts (policy full texts, and any long text staff write in Markdown) become HTML here, in
 * two layers. markdown-it with `html: false` escapes raw HTML in the source and refuses
 * javascript:/vbscript:/data: links; headings move down (to h3-h6) so they nest under the page's
 * own. Its output then passes an allow-list sanitizer (sanitize-html), so that a future markdown-it
 * option or plugin, or a bug in either, cannot put a script, an event handler or a hostile link on
 * a public page. src/lib/markdown.property.test.ts checks that promise with generated input.
 */
import MarkdownIt, { type RendererRule } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

/** What a render passes to the rules: the level a "# " heading becomes, under the page's own. */
type RenderEnv = { firstHeading?: number };

const headingDown: RendererRule = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  // markdown-it hands the render's env through untyped.
  const first = (env as RenderEnv | undefined)?.firstHeading ?? 3;
  token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + first - 1)}`;
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_open = headingDown;
md.renderer.rules.heading_close = headingDown;
md.disable(['image']);

/** Links in a text never pass the page's standing to the sites they point to. */
const LINK_REL = 'nofollow noopener';

/**
 * Exactly what markdown-it produces that a page may show. `ol start` keeps a list that begins at
 * "3." numbered as written (legal texts cite by number); `s` is ~~struck~~ text. Table alignment
 * arrives as a `style` attribute and is dropped with every other attribute.
 */
export const MARKDOWN_ALLOWED_TAGS: readonly string[] = [
  'p',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'em',
  'strong',
  's',
  'code',
  'pre',
  'blockquote',
  'a',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
export const MARKDOWN_ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'rel'],
  ol: ['start'],
};
/** Link schemes kept; a link without a scheme (relative, or a #fragment) is kept too. */
export const MARKDOWN_ALLOWED_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...MARKDOWN_ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(
    Object.entries(MARKDOWN_ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, [...names]]),
  ),
  allowedSchemes: [...MARKDOWN_ALLOWED_SCHEMES],
  allowedSchemesByTag: {},
  // "//host/path" leaves the site as surely as an http link but reads like a relative one.
  allowProtocolRelative: false,
  // A tag outside the list goes, with its text kept; script, style and the like go whole.
  disallowedTagsMode: 'discard',
  parseStyleAttributes: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
  },
};

/**
 * Safe HTML for a Markdown text. Headings start at h3 (under a page's h2), or lower where the text
 * sits under an h3 of its own (an FAQ answer under its question). Texts are hard-wrapped, so a
 * wrapped line that happens to start with "1. " would open a list in the middle of a sentence;
 * such a number is escaped unless the line follows a blank line or another list item.
 */
export function renderMarkdown(
  source: string,
  { firstHeading = 3 }: { firstHeading?: 3 | 4 | 5 | 6 } = {},
): string {
  const lines = source.split('\n');
  const fixed = lines.map((line, i) => {
    const previous = i > 0 ? lines[i - 1]! : '';
    if (
      /^\d{1,9}[.)]\s/.test(line) &&
      previous.trim() &&
      !/^\s*(\d{1,9}[.)]|[-*+])\s/.test(previous)
    ) {
      return line.replace(/^(\d{1,9})([.)])/, '$1\\$2');
    }
    return line;
  });
  const env: RenderEnv = { firstHeading };
  return sanitizeMarkdownHtml(md.render(fixed.join('\n'), env));
}

/** The second layer on its own: any HTML, reduced to the allow-list above. */
export function sanitizeMarkdownHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}
