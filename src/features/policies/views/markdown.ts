/** The Markdown renderer moved to src/lib/markdown.ts (shared by every long text); this path stays for code written against it. */
export { renderMarkdown } from '../../../lib/markdown.ts';
