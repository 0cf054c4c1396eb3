// Analyst-written Markdown (notes, finding text) made safe: to HTML for the HTML/PDF report, to Markdown for the .md report.
import { escapeHtml, mdCode, mdCodeBlock, mdText } from './escape';
import { parseMarkdown, type Block, type Inline } from '../../../shared/markdown-lite';

/** Analyst Markdown as safe HTML: only p, h4-h6, ul/ol/li, pre/code, em, strong and spans; no links, no images. */
export function markdownToHtml(src: string): string {
  return parseMarkdown(src).map(blockHtml).join('\n');
}

function blockHtml(b: Block): string {
  switch (b.t) {
    case 'para': return `<p>${inlineHtml(b.c)}</p>`;
    case 'heading': { const h = `h${Math.min(6, b.level + 3)}`; return `<${h}>${inlineHtml(b.c)}</${h}>`; }
    case 'list': { const tag = b.ordered ? 'ol' : 'ul'; return `<${tag}>${b.items.map((it) => `<li>${inlineHtml(it)}</li>`).join('')}</${tag}>`; }
    case 'code': return `<pre><code>${escapeHtml(b.v)}</code></pre>`;
  }
}

function inlineHtml(nodes: Inline[]): string {
  return nodes.map((n) => {
    switch (n.t) {
      case 'text': return escapeHtml(n.v).replace(/\n/g, '<br>');
      case 'code': return `<code>${escapeHtml(n.v)}</code>`;
      case 'em': return `<em>${inlineHtml(n.c)}</em>`;
      case 'strong': return `<strong>${inlineHtml(n.c)}</strong>`;
      case 'link': return `<span class="link">${n.image ? '[image: ' : ''}${escapeHtml(n.label)}${n.image ? ']' : ''}</span> <span class="url">(${escapeHtml(n.url)})</span>`;
    }
  }).join('');
}

/** Analyst Markdown re-written as safe Markdown: same structure, every text escaped, links as text. */
export function markdownToSafeMarkdown(src: string): string {
  return parseMarkdown(src).map(blockMd).join('\n\n');
}

function blockMd(b: Block): string {
  switch (b.t) {
    case 'para': return inlineMd(b.c);
    case 'heading': return `${'#'.repeat(Math.min(6, b.level + 3))} ${inlineMd(b.c)}`;
    case 'list': return b.items.map((it, k) => `${b.ordered ? `${k + 1}.` : '-'} ${inlineMd(it)}`).join('\n');
    case 'code': return mdCodeBlock(b.v);
  }
}

function inlineMd(nodes: Inline[]): string {
  return nodes.map((n) => {
    switch (n.t) {
      case 'text': return n.v.split('\n').map(mdText).join('  \n');
      case 'code': return mdCode(n.v);
      case 'em': return `*${inlineMd(n.c)}*`;
      case 'strong': return `**${inlineMd(n.c)}**`;
      case 'link': return `${n.image ? '\\[image: ' : ''}${mdText(n.label)}${n.image ? '\\]' : ''} (${mdCode(n.url)})`;
    }
  }).join('');
}
