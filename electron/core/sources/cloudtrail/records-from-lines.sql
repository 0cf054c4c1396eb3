-- {"Records":[...]} files the staging thread wrote as record lines (intake/record-lines.ts): one
-- "<ordinal>\x01<record>" per line, the record's bytes exactly as in the evidence. The CSV reader only splits
-- the lines (chr(1) never occurs in JSON text; no quoting); json_transform parses each record, once.
-- FILES is a list literal of staged paths; MAX_LINE the longest line the staging thread writes.
SELECT filename, rec, ord
FROM read_csv({{FILES}}, columns = {'ord': 'BIGINT', 'rec': 'VARCHAR'}, delim = chr(1), quote = '', escape = '',
              new_line = '\n', header = false, auto_detect = false, filename = true, max_line_size = {{MAX_LINE}})
