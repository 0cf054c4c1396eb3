-- Expression templates for rewrites a macro cannot express (DuckDB macros cannot take a lambda argument).
-- Each template is one SELECT of one expression; identifiers __name are placeholders that the translator
-- replaces with the call's argument trees. Parsed once by DuckDB itself (json_serialize_sql), never by regex.

-- template: any_match
SELECT CASE WHEN __arr IS NULL THEN NULL WHEN list_contains(list_transform(__arr, __fn), true) THEN true
            WHEN list_count(list_transform(__arr, __fn)) < len(__arr) THEN NULL ELSE false END;
-- template: all_match
SELECT CASE WHEN __arr IS NULL THEN NULL WHEN list_contains(list_transform(__arr, __fn), false) THEN false
            WHEN list_count(list_transform(__arr, __fn)) < len(__arr) THEN NULL ELSE true END;
-- template: none_match
SELECT CASE WHEN __arr IS NULL THEN NULL WHEN list_contains(list_transform(__arr, __fn), true) THEN false
            WHEN list_count(list_transform(__arr, __fn)) < len(__arr) THEN NULL ELSE true END;
-- template: reduce
SELECT list_transform([list_reduce(__arr, __fn, __init)], __out)[1];
-- template: null_if_any_null
SELECT CASE WHEN list_count(__list) < len(__list) THEN NULL ELSE __call END;
-- template: parse_datetime
SELECT CAST(strptime(__s, __fmt) AS TIMESTAMPTZ);
-- template: cidr_contains_once
-- contains(cidr, ip) where the CIDR is one value for the statement (a $parameter): each scalar subquery is
-- evaluated once, leaving one key and two shifts per row (decision 0022).
SELECT cairn_prefix_of(cairn_ip_key(__ip), (SELECT cairn_cidr(__cidr)[1])) = (SELECT cairn_prefix_of(cairn_cidr(__cidr)[2], cairn_cidr(__cidr)[1]));
