-- Presto IPADDRESS without DuckDB's inet extension (not available offline).
-- Representation: an IPADDRESS value is its canonical text (IPv4 dotted quad; IPv6 lower-case RFC 5952), so it
-- displays like Athena and '=' / IN compare correctly. Ordering comparisons and ORDER BY are rewritten by the
-- translator to compare cairn_ip_key(), the 128-bit IPv6 value (IPv4 mapped into ::ffff:0:0/96, as Presto does).
-- Parsing is strict like Presto (Guava): no leading zeros in IPv4 octets, no zone ids, no CIDR suffix.
--
-- Macro arguments are substituted textually, so a macro that uses an argument twice doubles the work and
-- nested macros grow exponentially (measured: seconds to bind). Every macro below therefore names each
-- value once with the "let" idiom list_transform([value], name -> body)[1].

-- 32-bit value of a dotted-quad IPv4 address, NULL when s is not one.
CREATE OR REPLACE TEMP MACRO cairn_ipv4_bits(s) AS list_transform([s], _s4 ->
  CASE WHEN regexp_full_match(_s4, '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}')
  THEN list_reduce(list_transform(string_split(_s4, '.'), _o -> CAST(_o AS UHUGEINT)), (_acc, _o) -> _acc * 256 + _o) END)[1];

-- IPv6 text with a trailing embedded IPv4 (::ffff:1.2.3.4) turned into two hex groups.
CREATE OR REPLACE TEMP MACRO cairn_ipv6_v4tail(s) AS list_transform([s], _s6 ->
  CASE WHEN _s6 LIKE '%.%' THEN list_transform([cairn_ipv4_bits(regexp_extract(_s6, '[^:]*$'))], _b ->
      regexp_extract(_s6, '^(.*:)[^:]*$', 1) || printf('%x:%x', CAST(_b // 65536 AS BIGINT), CAST(_b % 65536 AS BIGINT)))[1]
  ELSE _s6 END)[1];
CREATE OR REPLACE TEMP MACRO cairn_hex_groups(part) AS CASE WHEN part = '' THEN CAST([] AS VARCHAR[]) ELSE string_split(part, ':') END;
-- The eight hex-group texts of an IPv6 address ('::' expanded), or NULL when the shape is wrong.
CREATE OR REPLACE TEMP MACRO cairn_ipv6_group_text(s) AS list_transform([s], _g ->
  CASE
    WHEN _g IS NULL OR _g LIKE '%::%::%' OR _g LIKE '%:::%' THEN NULL
    WHEN _g LIKE '%::%' THEN
      list_transform([[cairn_hex_groups(split_part(_g, '::', 1)), cairn_hex_groups(split_part(_g, '::', 2))]], _ht ->
        CASE WHEN len(_ht[1]) + len(_ht[2]) > 7 THEN NULL
        ELSE _ht[1] || list_transform(range(8 - len(_ht[1]) - len(_ht[2])), _z -> '0') || _ht[2] END)[1]
    ELSE string_split(_g, ':')
  END)[1];
CREATE OR REPLACE TEMP MACRO cairn_ipv6_groups_value(g) AS list_transform([g], _gs ->
  CASE WHEN len(_gs) = 8 AND list_bool_and(list_transform(_gs, _x -> regexp_full_match(_x, '[0-9a-f]{1,4}')))
  THEN list_reduce(list_transform(_gs, _x -> CAST(CAST('0x' || _x AS INTEGER) AS UHUGEINT)), (_acc, _x) -> _acc * 65536 + _x) END)[1];
-- 128-bit value of an IPv6 address, NULL when s is not one.
CREATE OR REPLACE TEMP MACRO cairn_ipv6_bits(s) AS
  cairn_ipv6_groups_value(cairn_ipv6_group_text(cairn_ipv6_v4tail(lower(s))));

-- Key of an address (IPv4 mapped to ::ffff:a.b.c.d), NULL when s is not an address.
-- IPv4 (nearly all flow-log rows) takes a lambda-free path: list lambdas cost ~7 us a row (measured).
CREATE OR REPLACE TEMP MACRO cairn_ipv4_fast(s) AS
  CAST((CAST(split_part(s, '.', 1) AS UBIGINT) << 24) | (CAST(split_part(s, '.', 2) AS UBIGINT) << 16)
       | (CAST(split_part(s, '.', 3) AS UBIGINT) << 8) | CAST(split_part(s, '.', 4) AS UBIGINT) AS UHUGEINT)
  + CAST(281470681743360 AS UHUGEINT);
CREATE OR REPLACE TEMP MACRO cairn_try_ip_key(s) AS
  CASE WHEN regexp_full_match(s, '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}') THEN cairn_ipv4_fast(s)
       WHEN s LIKE '%:%' THEN cairn_ipv6_bits(s) END;
-- As CAST(... AS IPADDRESS) in Athena: anything but NULL that is not an address is an error, never NULL.
CREATE OR REPLACE TEMP MACRO cairn_ip_key(s) AS
  CASE WHEN regexp_full_match(s, '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}') THEN cairn_ipv4_fast(s)
       WHEN s IS NULL THEN NULL
       ELSE list_transform([s], _a -> list_transform([cairn_ipv6_bits(_a)], _k ->
         CASE WHEN _k IS NOT NULL THEN _k ELSE error('Cannot cast value to IPADDRESS: ''' || _a || '''') END)[1])[1] END;

-- Canonical text of a key. IPv6: the longest run of zero groups (first on ties, at least two groups)
-- becomes '::' (RFC 5952); the text is built as ':g0:g1:...:g7:' so runs are matched whole.
CREATE OR REPLACE TEMP MACRO cairn_ipv6_text(k) AS list_transform([
    ':' || array_to_string(list_transform(range(8), _i ->
      printf('%x', CAST((k >> CAST(112 - 16 * _i AS UTINYINT)) & CAST(65535 AS UHUGEINT) AS BIGINT))), ':') || ':'], _p ->
  list_transform([coalesce(list_max(list_transform(regexp_extract_all(_p, '(:0)+:'), _r -> len(_r))), 0)], _best ->
    list_transform([CASE WHEN _best < 5 THEN _p
                         ELSE regexp_replace(_p, repeat(':0', CAST((_best - 1) // 2 AS INTEGER)) || ':', '::') END], _c ->
      CASE WHEN _c = '::' THEN _c
           WHEN _c LIKE '::%' THEN _c[1:len(_c) - 1]
           WHEN _c LIKE '%::' THEN _c[2:len(_c)]
           ELSE _c[2:len(_c) - 1] END)[1])[1])[1];
CREATE OR REPLACE TEMP MACRO cairn_ip_text(k) AS list_transform([k], _k ->
  CASE WHEN _k IS NULL THEN NULL
       WHEN _k >> 32 = CAST(65535 AS UHUGEINT) THEN
         printf('%d.%d.%d.%d', CAST((_k >> 24) & CAST(255 AS UHUGEINT) AS BIGINT), CAST((_k >> 16) & CAST(255 AS UHUGEINT) AS BIGINT),
                               CAST((_k >> 8) & CAST(255 AS UHUGEINT) AS BIGINT), CAST(_k & CAST(255 AS UHUGEINT) AS BIGINT))
       ELSE cairn_ipv6_text(_k) END)[1];

-- CAST(x AS IPADDRESS) / IPADDRESS 'x' / TRY_CAST(x AS IPADDRESS)
-- A valid dotted quad is already canonical (leading zeros are refused), so IPv4 text passes through.
CREATE OR REPLACE TEMP MACRO cairn_ipaddress(s) AS
  CASE WHEN regexp_full_match(s, '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}') THEN s ELSE cairn_ip_text(cairn_ip_key(s)) END;
CREATE OR REPLACE TEMP MACRO cairn_try_ipaddress(s) AS
  CASE WHEN regexp_full_match(s, '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}') THEN s ELSE cairn_ip_text(cairn_try_ip_key(s)) END;

-- contains('10.0.0.0/8', ip) as [prefix bits, network key]; an IPv4 prefix counts from bit 96 of the key.
CREATE OR REPLACE TEMP MACRO cairn_cidr(cidr) AS list_transform([cidr], _n ->
  CASE WHEN NOT regexp_full_match(_n, '[^/]+/(0|[1-9][0-9]{0,2})') THEN error('Invalid CIDR: ''' || _n || '''')
  ELSE list_transform([[CAST(split_part(_n, '/', 2) AS UHUGEINT), cairn_ip_key(split_part(_n, '/', 1))]], _pk ->
    CASE WHEN _pk[2] >> 32 = CAST(65535 AS UHUGEINT) AND _pk[1] <= 32 THEN [_pk[1] + 96, _pk[2]]
         WHEN _pk[2] >> 32 <> CAST(65535 AS UHUGEINT) AND _pk[1] <= 128 THEN _pk
         ELSE error('Invalid CIDR: ''' || _n || '''') END)[1] END)[1];
CREATE OR REPLACE TEMP MACRO cairn_prefix_of(k, bits) AS
  CASE WHEN bits = 0 THEN CAST(0 AS UHUGEINT) ELSE k >> CAST(128 - bits AS UTINYINT) END;
-- No lambda here: a lambda capturing the row's ip runs row by row (measured 19 s per 1M rows); a constant
-- CIDR folds to constants, leaving one key and two shifts per row.
CREATE OR REPLACE TEMP MACRO cairn_cidr_contains(cidr, ip) AS
  cairn_prefix_of(cairn_ip_key(ip), cairn_cidr(cidr)[1]) = cairn_prefix_of(cairn_cidr(cidr)[2], cairn_cidr(cidr)[1]);
-- The translator's form for a literal CIDR (parsed in cidr.ts): prefix length and the network's prefix.
CREATE OR REPLACE TEMP MACRO cairn_ip_in_prefix(ip, bits, prefix) AS
  cairn_prefix_of(cairn_ip_key(ip), bits) = CAST(prefix AS UHUGEINT);
