// Plain data types shared by the core, the transports and the renderer, gathered in one place.
// Nothing here may import from outside shared/. The modules form a chain, never a cycle:
// case-types.ts (leaf) <- findings.ts <- report.ts.
export * from './case-types';
export * from './findings';
export * from './report';
export * from './integrity-types';
