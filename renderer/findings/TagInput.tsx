// Tags as coloured chips: type a name (autocomplete from the case's tags), Enter or comma adds it; a new tag
// gets the next palette colour, and any chip's colour can be changed. Tag names are the analyst's text but
// still rendered as text only.
import { useId, useState } from 'react';
import type { Tag } from '../../shared/types';

export interface TagDraft { name: string; colour: string }

const PALETTE = ['#e06c6c', '#d8a54a', '#5fb87a', '#4aa3df', '#a37ee0', '#e07fb8', '#5fc4c4', '#9aa0a6'];

export function nextColour(used: string[]): string {
  return PALETTE.find((c) => !used.includes(c)) ?? PALETTE[used.length % PALETTE.length]!;
}

export function TagInput(props: { value: TagDraft[]; known: Tag[]; onChange(v: TagDraft[]): void }) {
  const [text, setText] = useState('');
  const listId = useId();
  const add = (raw: string) => {
    const name = raw.trim().replace(/\s+/g, ' ');
    setText('');
    if (!name || props.value.some((t) => t.name.toLowerCase() === name.toLowerCase())) return;
    const known = props.known.find((t) => t.name.toLowerCase() === name.toLowerCase());
    props.onChange([...props.value, known ? { name: known.name, colour: known.colour } : { name, colour: nextColour([...props.known, ...props.value].map((t) => t.colour)) }]);
  };
  const available = props.known.filter((t) => !props.value.some((v) => v.name === t.name));
  return (
    <div className="tag-input" data-testid="finding-tags">
      {props.value.map((t) => (
        <span key={t.name} className="tag-chip" data-testid="finding-tag-chip" data-tag={t.name} style={{ borderColor: t.colour }}>
          <label className="tag-swatch" style={{ background: t.colour }} title={`Colour of ${t.name}`}>
            <input type="color" aria-label={`Colour of tag ${t.name}`} value={t.colour} onChange={(e) => props.onChange(props.value.map((x) => (x.name === t.name ? { ...x, colour: e.target.value } : x)))} />
          </label>
          <span className="tag-name">{t.name}</span>
          <button type="button" className="icon-button" aria-label={`Remove tag ${t.name}`} onClick={() => props.onChange(props.value.filter((x) => x.name !== t.name))}>×</button>
        </span>
      ))}
      <input className="tag-text" list={listId} data-testid="finding-tag-input" aria-label="Add a tag (Enter)" placeholder={props.value.length ? 'add tag' : 'tags: e.g. persistence, ssm (Enter)'} value={text}
        onChange={(e) => { if (e.target.value.endsWith(',')) add(e.target.value.slice(0, -1)); else setText(e.target.value); }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && text.trim()) { e.preventDefault(); add(text); }
          if (e.key === 'Backspace' && !text && props.value.length) props.onChange(props.value.slice(0, -1));
        }}
        onBlur={() => { if (text.trim()) add(text); }} />
      <datalist id={listId}>{available.map((t) => <option key={t.id} value={t.name} />)}</datalist>
    </div>
  );
}
