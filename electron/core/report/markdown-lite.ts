// A deliberately small Markdown reader for analysts' notes and descriptions: paragraphs, headings, lists,
// code, emphasis, and links/images kept as *text*. Anything else (raw HTML included) stays literal text.
// It builds a tree that the HTML and Markdown writers render with every piece of text escaped.

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'em' | 'strong'; c: Inline[] }
  /** A link or image, never live: shown as its text and its target, both as plain text. */
  | { t: 'link'; c: Inline[]; url: string; image: boolean };

export type Block =
  | { t: 'para'; c: Inline[] }
  | { t: 'heading'; level: number; c: Inline[] }
  | { t: 'list'; ordered: boolean; items: Inline[][] }
  | { t: 'code'; v: string };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BULLET = /^ {0,3}[-*+] +(.*)$/;
const ORDERED = /^ {0,3}\d{1,9}[.)] +(.*)$/;
const HEADING = /^ {0,3}(#{1,6}) +(.*?)(?: +#+ *)?$/;

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
    const bullet = BULLET.exec(line) ?? ORDERED.exec(line);
    if (heading) { flush(); blocks.push({ t: 'heading', level: heading[1]!.length, c: parseInline(heading[2]!) }); continue; }
    if (bullet) {
      flush();
      const ordered = ORDERED.test(line);
      const items: Inline[][] = [];
      for (; i < lines.length; i++) {
        const m = (ordered ? ORDERED : BULLET).exec(lines[i]!);
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

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const push = (node: Inline): void => { if (text) { out.push({ t: 'text', v: text }); text = ''; } out.push(node); };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length && /[!-/:-@[-`{-~]/.test(s[i + 1]!)) { text += s[i + 1]; i += 2; continue; }
    if (ch === '`') {
      const run = /^`+/.exec(s.slice(i))![0];
      const close = s.indexOf(run, i + run.length);
      if (close > 0) { push({ t: 'code', v: s.slice(i + run.length, close).replace(/\n/g, ' ').trim() }); i = close + run.length; continue; }
      text += run; i += run.length; continue;
    }
    if ((ch === '*' || ch === '_') ) {
      const double = s[i + 1] === ch;
      const marker = double ? ch + ch : ch;
      const close = findClose(s, marker, i + marker.length);
      if (close > i + marker.length) {
        push({ t: double ? 'strong' : 'em', c: parseInline(s.slice(i + marker.length, close)) });
        i = close + marker.length;
        continue;
      }
    }
    const image = ch === '!' && s[i + 1] === '[';
    if (ch === '[' || image) {
      const link = parseLink(s, image ? i + 1 : i);
      if (link) { push({ t: 'link', c: parseInline(link.label), url: link.url, image }); i = link.end; continue; }
    }
    text += ch;
    i++;
  }
  if (text) out.push({ t: 'text', v: text });
  return out;
}

function findClose(s: string, marker: string, from: number): number {
  for (let k = from; k <= s.length - marker.length; k++) {
    if (s[k] === '\\') { k++; continue; }
    if (s.startsWith(marker, k) && s[k - 1] !== ' ' && (marker.length === 2 || s[k + 1] !== marker)) return k;
  }
  return -1;
}

function parseLink(s: string, open: number): { label: string; url: string; end: number } | null {
  const close = s.indexOf('](', open);
  if (close < 0 || s.slice(open + 1, close).includes('\n')) return null;
  const end = s.indexOf(')', close + 2);
  if (end < 0) return null;
  return { label: s.slice(open + 1, close), url: s.slice(close + 2, end).trim(), end: end + 1 };
}
