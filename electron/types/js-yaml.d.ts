// js-yaml 4 ships no types; Cairn uses its safe default-schema load only.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
