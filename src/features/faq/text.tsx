/**
 * Plain texts from the dataset as paragraphs: blank lines separate paragraphs, hard-wrapped lines
 * are joined, "- " items become a list and **bold** becomes <strong>. Everything else is text,
 * escaped by JSX: no HTML from the source reaches the page.
 */
import type { Child } from 'hono/jsx';

export function Paragraphs({ text }: { text: string }) {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return <>{blocks.map((block) => renderBlock(block))}</>;
}

function renderBlock(block: string) {
  const lines = block.split('\n').map((l) => l.trim());
  if (lines[0]?.startsWith('- ')) {
    const items: string[] = [];
    for (const line of lines) {
      if (line.startsWith('- ')) items.push(line.slice(2));
      else if (items.length) items[items.length - 1] += ` ${line}`;
    }
    return (
      <ul>
        {items.map((item) => (
          <li>{inline(item)}</li>
        ))}
      </ul>
    );
  }
  return <p>{inline(lines.join(' '))}</p>;
}

/** **bold** to <strong>, *emphasis* markers dropped; the rest as text. */
function inline(text: string): Child[] {
  return text
    .split(/\*\*(.+?)\*\*/g)
    .map((part, i) =>
      i % 2 ? <strong>{part}</strong> : part.replace(/(^|[\s(])[*_]([^*_\s][^*_]*)[*_]/g, '$1$2'),
    );
}

/** Lower case without accents, for accent-insensitive matching ("Policía" -> "policia"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Whether every word of the query appears in the text, ignoring case and accents. */
export function matchesQuery(text: string, q: string): boolean {
  const haystack = fold(text);
  return fold(q)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** A search query from the address: control characters dropped, spaces collapsed, capped. */
export function cleanQuery(raw: string | undefined, max = 200): { q: string; truncated: boolean } {
  const q = (raw ?? '')
    .replace(/[\p{Cc}\p{Co}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return q.length > max ? { q: q.slice(0, max), truncated: true } : { q, truncated: false };
}
