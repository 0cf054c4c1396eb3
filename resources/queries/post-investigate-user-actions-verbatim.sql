-- title: AWS post, verbatim: investigate user actions (never matches)
-- description: The AWS Security Blog post "Logging strategies for security incident response", sample query
-- description: "Investigate user actions", exactly as printed. It runs but returns no rows, in Athena as in
-- description: Cairn: "userIdentity.arn = '%<username>%'" compares the ARN with that literal text, % signs
-- description: and all (= has no wildcards), and no ARN is that text. The eventTime bounds compare ISO-8601
-- description: text with '2022-12-05 00:00:00' (a space, not T), which works on CloudTrail's format. Use
-- description: post-investigate-user-actions, which matches the user with LIKE.
-- tables: cloudtrail
-- tags: aws-post, verbatim, triage, timeline
SELECT eventID, eventName, eventSource, eventTime, userIdentity.arn
AS user
FROM cloudtrail
WHERE userIdentity.arn = '%<username>%' AND eventTime > '2022-12-05 00:00:00' AND eventTime < '2022-12-08 00:00:00'
