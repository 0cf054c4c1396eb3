// A small Markdown reader for notes and finding descriptions: paragraphs, headings, bullet/numbered lists,
// fenced code, inline code, *emphasis* and **strong**. Links and images are kept as plain text (label and
// target), never live. Raw HTML is just text. The output is a tree of strings: the workbench turns it into
// React elements and the report writers into escaped HTML/Markdown, so notes read the same in both and
// nothing in a note can become markup.

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'em' | 'strong'; c: Inline[] }
  | { t: 'link'; label: string; url: string; image: boolean };

export type Block =
  | { t: 'para'; c: Inline[] }
  | { t: 'heading'; level: number; c: Inline[] }
  | { t: 'list'; ordered: boolean; items: Inline[][] }
  | { t: 'code'; v: string };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BULLET = /^ {0,3}[-*+] +(.*)$/;
const ORDERED = /^ {0,3}\d{1,9}[.)] +(.*)$/;
const HEADING = /^ {0,3}(#{1,6}) +(.*?)(?: +#+ *)?$/;
/** Notes are at most 1 MiB; parsing stays linear and this caps nesting work on pathological input. */
const MAX_DEPTH = 4;

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = (): void => { if (para.length) blocks.push({ t: 'para', c: parseInline(para.join('\n')) }); para = []; };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      while (++i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) body.push(lines[i]!);
      blocks.push({ t: 'code', v: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) { flush(); blocks.push({ t: 'heading', level: heading[1]!.length, c: parseInline(heading[2]!) }); continue; }
    if (BULLET.test(line) || ORDERED.test(line)) {
      flush();
      const ordered = !BULLET.test(line);
      const re = ordered ? ORDERED : BULLET;
      const items: Inline[][] = [];
      for (; i < lines.length; i++) {
        const m = re.exec(lines[i]!);
        if (!m) { i--; break; }
        items.push(parseInline(m[1]!));
      }
      blocks.push({ t: 'list', ordered, items });
      continue;
    }
    if (line.trim() === '') flush(); else para.push(line);
  }
  flush();
  return blocks;
}

export function parseInline(s: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const push = (n: Inline): void => { if (text) { out.push({ t: 'text', v: text }); text = ''; } out.push(n); };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length && /[\\`*_[\]()!#<>-]/.test(s[i + 1]!)) { text += s[i + 1]; i += 2; continue; }
    if (ch === '`') {
      const run = /^`+/.exec(s.slice(i))![0];
      const end = s.indexOf(run, i + run.length);
      if (end > 0) { push({ t: 'code', v: s.slice(i + run.length, end) }); i = end + run.length; continue; }
    }
    if ((ch === '[' || (ch === '!' && s[i + 1] === '[')) && depth < MAX_DEPTH) {
      const image = ch === '!';
      const m = /^\[([^\]\n]*)\]\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+"[^"]*")?\)/.exec(s.slice(image ? i + 1 : i));
      if (m) { push({ t: 'link', label: m[1]!, url: m[2]!, image }); i += m[0].length + (image ? 1 : 0); continue; }
    }
    // `_` inside a word (snake_case names, ARNs) is never emphasis, as in CommonMark.
    if ((ch === '*' || (ch === '_' && !/[\p{L}\p{N}]/u.test(s[i - 1] ?? ''))) && depth < MAX_DEPTH) {
      const strong = s[i + 1] === ch;
      const mark = strong ? ch + ch : ch;
      const end = s.indexOf(mark, i + mark.length);
      const inner = end > 0 ? s.slice(i + mark.length, end) : '';
      if (end > 0 && inner.trim() !== '' && !/^\s/.test(inner)) {
        push({ t: strong ? 'strong' : 'em', c: parseInline(inner, depth + 1) });
        i = end + mark.length;
        continue;
      }
    }
    text += ch;
    i++;
  }
  if (text) out.push({ t: 'text', v: text });
  return out;
}

/** One line of plain text (for list previews and titles): markup dropped, links as "label (url)". */
export function plainText(src: string, max = 200): string {
  const flat = (c: Inline[]): string => c.map((n) => (n.t === 'text' || n.t === 'code' ? n.v : n.t === 'link' ? `${n.label} (${n.url})` : flat(n.c))).join('');
  const text = parseMarkdown(src).map((b) => (b.t === 'code' ? b.v : b.t === 'list' ? b.items.map(flat).join('; ') : flat(b.c))).join(' ').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
