// js-yaml 4 ships no types; Cairn uses its safe default-schema load and loadAll (multi-document files) only.
declare module 'js-yaml' {
  export function load(text: string): unknown;
  export function loadAll(text: string): unknown[];
}
