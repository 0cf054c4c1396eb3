-- Records normalised by Node (JSON lines, event history, unusual layouts): one {"o":ordinal,"r":record}
-- per line, the record's text exactly as it was in the evidence.
SELECT filename, r AS rec, o AS ord
FROM read_json({{FILES}}, columns = {o: 'BIGINT', r: 'JSON'}, format = 'newline_delimited',
               maximum_object_size = {{MAX_OBJECT}}, filename = true)
