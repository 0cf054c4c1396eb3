// Athena/Presto dialect layer: analysts' Athena SQL runs on DuckDB with Athena's meaning.
export { translateAthena } from './translate-athena';
export { installDialect, DIALECT_SETTINGS } from './install-dialect';
export { classifyDialectError } from './classify-error';
export { installCompatViews, COMPAT_VIEWS_SQL } from './compat-views';
