-- title: AWS post, verbatim: connections over older TLS versions (fails: missing comma)
-- description: The AWS Security Blog post "Logging strategies for security incident response", sample query
-- description: "Connections over older TLS versions", exactly as printed. It cannot run: the comma between
-- description: "eventSource" and "COUNT(*)" is missing, so the parser reads COUNT as an alias of eventSource
-- description: and stops at the "(" that follows. Athena refuses it with a syntax error ("mismatched input")
-- description: before reading any data; Cairn refuses it with SQL_SYNTAX at that "(" (line 2, column 6). Run
-- description: post-older-tls-connections, which restores the comma, instead.
-- fails: SQL_SYNTAX at the "(" after COUNT (line 2, column 6): the comma after eventSource is missing
-- tables: cloudtrail
-- tags: aws-post, verbatim, tls, hygiene
SELECT eventSource
COUNT(*) AS numOutdatedTlsCalls FROM cloudtrail WHERE tlsDetails.tlsVersion IN ('TLSv1', 'TLSv1.1') AND eventTime > '2023-01-01 00:00:00' GROUP BY eventSource ORDER BY numOutdatedTlsCalls DESC
