/**
 * Full texts from the dataset are Markdown. markdown-it with `html: false` escapes any raw HTML
 * in the source (so none survives) and refuses javascript:/vbscript:/data: links; headings are
 * moved down to h3-h6 so they nest under the page's own h2.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const level = Math.min(6, Math.max(3, Number(token.tag.slice(1)) + 2));
  token.tag = `h${level}`;
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const level = Math.min(6, Math.max(3, Number(token.tag.slice(1)) + 2));
  token.tag = `h${level}`;
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow noopener');
  return self.renderToken(tokens, idx, options);
};
md.disable(['image']);

/**
 * Safe HTML for a Markdown text from the dataset. Texts are hard-wrapped, so a wrapped line that
 * happens to start with "1. " would open a list in the middle of a sentence; such a number is
 * escaped unless the line follows a blank line or another list item.
 */
export function renderMarkdown(source: string): string {
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
  return md.render(fixed.join('\n'));
}
