-- title: AWS post: connections over older TLS versions
-- description: The AWS post's "Connections over older TLS versions" sample (post-older-tls-connections-verbatim)
-- description: for daily use: calls made over TLS 1.0 or 1.1, counted per service. Corrected: the post's
-- description: "SELECT eventSource COUNT(*)" lacks the comma between the two select items, a syntax error in
-- description: Athena and Cairn; shipped as "SELECT eventSource, COUNT(*)". Changed: the post's start
-- description: (eventTime > '2023-01-01 00:00:00', compared as text) is a time window of timestamps.
-- tables: cloudtrail
-- tags: aws-post, tls, hygiene
-- param: start timestamp "Window start (UTC, exclusive)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC, exclusive)" default=2100-01-01T00:00:00Z
SELECT eventSource,
COUNT(*) AS numOutdatedTlsCalls FROM cloudtrail WHERE tlsDetails.tlsVersion IN ('TLSv1', 'TLSv1.1')
AND from_iso8601_timestamp(eventTime) > from_iso8601_timestamp($start) AND from_iso8601_timestamp(eventTime) < from_iso8601_timestamp($end)
GROUP BY eventSource ORDER BY numOutdatedTlsCalls DESC
