-- Presto/Trino (Athena engine v3) functions as DuckDB TEMP macros, installed per analyst connection by
-- installDialect(). TEMP keeps them out of the evidence database (they live in the connection's temp catalog).
--
-- Two kinds:
--  * Presto names DuckDB does not have: defined under the Presto name, so they work with or without translation.
--  * Presto names DuckDB has with DIFFERENT semantics: defined as presto_<name>; translateAthena renames the
--    call. They never shadow DuckDB's own function, so DuckDB-style SQL keeps its meaning.
-- Functions whose format argument needs converting (date_parse, date_format, parse_datetime, format_datetime)
-- and lambda-taking functions (any_match ...) are rewritten by the translator, not here.

-- Timestamps: the analyst connection runs with TimeZone='UTC', as Athena sessions do.
CREATE OR REPLACE TEMP MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ);
CREATE OR REPLACE TEMP MACRO from_iso8601_date(s) AS CAST(s AS DATE);
CREATE OR REPLACE TEMP MACRO to_iso8601(x DATE) AS strftime(x, '%Y-%m-%d'),
  (x TIMESTAMPTZ) AS strftime(timezone('UTC', x), '%Y-%m-%dT%H:%M:%S.%g') || 'Z',
  (x TIMESTAMP) AS strftime(x, '%Y-%m-%dT%H:%M:%S.%g');
CREATE OR REPLACE TEMP MACRO from_unixtime(n) AS to_timestamp(n);
CREATE OR REPLACE TEMP MACRO to_unixtime(t) AS epoch(t);
-- Presto: Monday = 1 ... Sunday = 7 (ISO); DuckDB's dayofweek is 0 = Sunday.
CREATE OR REPLACE TEMP MACRO day_of_week(d) AS isodow(d);
CREATE OR REPLACE TEMP MACRO dow(d) AS isodow(d);
CREATE OR REPLACE TEMP MACRO day_of_month(d) AS dayofmonth(d);
CREATE OR REPLACE TEMP MACRO day_of_year(d) AS dayofyear(d);
CREATE OR REPLACE TEMP MACRO doy(d) AS dayofyear(d);
CREATE OR REPLACE TEMP MACRO week_of_year(d) AS weekofyear(d);
CREATE OR REPLACE TEMP MACRO year_of_week(d) AS isoyear(d);
CREATE OR REPLACE TEMP MACRO yow(d) AS isoyear(d);

-- date_add(unit, n, ts): Presto keeps DATE for DATE input; DuckDB's date + interval gives TIMESTAMP.
CREATE OR REPLACE TEMP MACRO presto_interval(unit, n) AS CASE lower(unit)
    WHEN 'millisecond' THEN to_milliseconds(CAST(n AS BIGINT))
    WHEN 'second' THEN to_seconds(CAST(n AS BIGINT))
    WHEN 'minute' THEN to_minutes(CAST(n AS BIGINT))
    WHEN 'hour' THEN to_hours(CAST(n AS BIGINT))
    WHEN 'day' THEN to_days(CAST(n AS INTEGER))
    WHEN 'week' THEN to_weeks(CAST(n AS INTEGER))
    WHEN 'month' THEN to_months(CAST(n AS INTEGER))
    WHEN 'quarter' THEN to_months(CAST(n AS INTEGER) * 3)
    WHEN 'year' THEN to_years(CAST(n AS INTEGER))
    ELSE error('date_add: unsupported unit ''' || unit || '''') END;
CREATE OR REPLACE TEMP MACRO presto_date_add(unit, n, t DATE) AS CAST(t + presto_interval(unit, n) AS DATE),
  (unit, n, t) AS t + presto_interval(unit, n);
-- Presto counts complete units elapsed (DuckDB's date_diff counts boundaries crossed; date_sub matches Presto).
CREATE OR REPLACE TEMP MACRO presto_date_diff(unit, a, b) AS date_sub(lower(unit), a, b);
-- DuckDB's millisecond() is milliseconds within the minute; Presto's is within the second.
CREATE OR REPLACE TEMP MACRO presto_millisecond(t) AS millisecond(t) % 1000;

-- JSON: Presto returns NULL for objects/arrays from json_extract_scalar.
CREATE OR REPLACE TEMP MACRO json_extract_scalar(j, p) AS
  CASE WHEN json_type(j, p) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END;
CREATE OR REPLACE TEMP MACRO json_parse(s) AS json(s);
CREATE OR REPLACE TEMP MACRO json_format(j) AS CAST(j AS VARCHAR);
CREATE OR REPLACE TEMP MACRO json_size(j, p) AS
  CASE WHEN json_type(j, p) = 'OBJECT' THEN CAST(len(json_keys(j, p)) AS BIGINT)
    WHEN json_type(j, p) = 'ARRAY' THEN CAST(json_array_length(j, p) AS BIGINT)
    WHEN json_type(j, p) IS NOT NULL THEN CAST(0 AS BIGINT) END;

-- Regular expressions. Presto returns NULL when there is no match; DuckDB's regexp_extract returns ''.
CREATE OR REPLACE TEMP MACRO regexp_like(s, p) AS regexp_matches(s, p);
CREATE OR REPLACE TEMP MACRO regexp_split(s, p) AS regexp_split_to_array(s, p);
CREATE OR REPLACE TEMP MACRO presto_regexp_extract(s, p) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p) END,
  (s, p, g) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p, g) END;

-- Strings and arrays.
-- Presto split_part: 1-based, NULL past the end, error for index < 1 (DuckDB: '' past the end, negative = from end).
CREATE OR REPLACE TEMP MACRO presto_split_part(s, d, i) AS
  CASE WHEN i < 1 THEN error('split_part: index must be greater than zero') ELSE string_split(s, d)[i] END;
-- Presto element_at: 1-based, negative counts from the end, NULL out of range, error for 0; maps by key.
CREATE OR REPLACE TEMP MACRO presto_element_at(c, i BIGINT) AS
  CASE WHEN i = 0 THEN error('element_at: SQL array indices start at 1') ELSE c[i] END,
  (c, i) AS c[i];
-- Presto cardinality() takes an array or a map; DuckDB's len() refuses maps and its cardinality() refuses lists.
-- A MAP-typed overload (DuckDB picks it for a map of any key and value types) keeps one name for both, but
-- DuckDB picks it blindly when the argument holds an aggregate (its type is not known yet): the translator then
-- calls presto_cardinality_any, which counts through JSON (once per group, so its cost does not matter).
CREATE OR REPLACE TEMP MACRO presto_cardinality(x MAP(VARCHAR, VARCHAR)) AS CAST(cardinality(x) AS BIGINT),
  (x) AS CAST(len(x) AS BIGINT);
CREATE OR REPLACE TEMP MACRO presto_cardinality_any(x) AS list_transform([to_json(x)], _j ->
  CAST(CASE WHEN json_type(_j) = 'OBJECT' THEN len(json_keys(_j)) ELSE json_array_length(_j) END AS BIGINT))[1];
-- Presto contains(array, x): NULL (not false) when x is absent but the array holds NULLs.
-- Athena's contains(varchar_cidr, ipaddress): IPADDRESS is represented as canonical VARCHAR here.
CREATE OR REPLACE TEMP MACRO presto_contains(a VARCHAR, b VARCHAR) AS cairn_cidr_contains(a, b),
  (a, b) AS CASE WHEN list_contains(a, b) THEN true
                 WHEN b IS NULL OR list_count(a) < len(a) THEN NULL ELSE false END;
-- Presto keeps first-occurrence order and one NULL; DuckDB's list_distinct does neither.
CREATE OR REPLACE TEMP MACRO presto_array_distinct(a) AS list_filter(a, (x, i) -> list_position(a, x) = i);
CREATE OR REPLACE TEMP MACRO presto_array_position(a, x) AS CASE WHEN a IS NOT NULL THEN CAST(coalesce(list_position(a, x), 0) AS BIGINT) END;
-- Presto substr: start 0, a start before the beginning and a length <= 0 give '' (DuckDB counts from the
-- start, and takes a negative length backwards); NULL in, NULL out.
CREATE OR REPLACE TEMP MACRO presto_substr(s, st) AS
  CASE WHEN st = 0 OR -st > length(s) THEN left(s, 0) ELSE substr(s, st) END,
  (s, st, n) AS CASE WHEN st IS NULL OR n IS NULL THEN CAST(NULL AS VARCHAR)
                     WHEN st = 0 OR n <= 0 OR -st > length(s) THEN left(s, 0) ELSE substr(s, st, n) END;
-- Presto replace with an empty search string inserts the replacement around every character.
CREATE OR REPLACE TEMP MACRO presto_replace(s, x, r) AS
  CASE WHEN x <> '' THEN replace(s, x, r) WHEN x = '' AND s = '' THEN r
       WHEN x = '' THEN r || array_to_string(list_transform(string_split(s, ''), _c -> _c || r), '') END;
CREATE OR REPLACE TEMP MACRO levenshtein_distance(a, b) AS levenshtein(a, b);
CREATE OR REPLACE TEMP MACRO array_join(a, sep) AS array_to_string(a, sep),
  (a, sep, nullrep) AS array_to_string(list_transform(a, x -> coalesce(CAST(x AS VARCHAR), nullrep)), sep);

-- Aggregates. approx_distinct is computed exactly: a forensic answer should not be approximate, and the
-- exact count is within any error bound Presto promises.
CREATE OR REPLACE TEMP MACRO approx_distinct(x) AS count(DISTINCT x);
CREATE OR REPLACE TEMP MACRO arbitrary(x) AS any_value(x);
CREATE OR REPLACE TEMP MACRO approx_percentile(x, p) AS quantile_disc(x, p);
-- Presto map_agg(k, v): rows with a NULL key are left out, NULL for no rows; a repeated key keeps one of its
-- values (here the smallest: the entries are sorted, then only each key's first is kept).
CREATE OR REPLACE TEMP MACRO map_agg(k, v) AS
  list_transform([list_sort(list({'key': k, 'value': v}) FILTER (WHERE k IS NOT NULL))], _e ->
    map_from_entries(list_filter(_e, (_x, _i) -> _i = 1 OR _e[_i - 1].key IS DISTINCT FROM _x.key)))[1];
-- Presto repeat(x, n) is an array of n copies; DuckDB's repeat('a', 3) is the string 'aaa'.
CREATE OR REPLACE TEMP MACRO presto_repeat(x, n) AS list_transform(range(CAST(n AS BIGINT)), i -> x);
