-- AWS WAF logs: the Athena user guide's waf_logs columns and types (struct fields in the log's spelling),
-- then `request_ts` (timestamp, epoch milliseconds, as a UTC timestamp), the top-level keys the DDL lacks
-- (JSON object), the record as written (`_raw`), and provenance (_ordinal = line or record number).
CREATE TABLE IF NOT EXISTS waf_logs (
  "timestamp" BIGINT, formatversion INTEGER, webaclid VARCHAR, terminatingruleid VARCHAR, terminatingruletype VARCHAR, action VARCHAR,
  terminatingrulematchdetails STRUCT(conditionType VARCHAR, sensitivityLevel VARCHAR, location VARCHAR, matchedData VARCHAR[])[],
  httpsourcename VARCHAR, httpsourceid VARCHAR,
  rulegrouplist STRUCT(ruleGroupId VARCHAR,
    terminatingRule STRUCT(ruleId VARCHAR, action VARCHAR, ruleMatchDetails STRUCT(conditionType VARCHAR, sensitivityLevel VARCHAR, location VARCHAR, matchedData VARCHAR[])[]),
    nonTerminatingMatchingRules STRUCT(ruleId VARCHAR, action VARCHAR, overriddenAction VARCHAR,
      ruleMatchDetails STRUCT(conditionType VARCHAR, sensitivityLevel VARCHAR, location VARCHAR, matchedData VARCHAR[])[],
      challengeResponse STRUCT(responseCode VARCHAR, solveTimestamp VARCHAR, failureReason VARCHAR),
      captchaResponse STRUCT(responseCode VARCHAR, solveTimestamp VARCHAR, failureReason VARCHAR))[],
    excludedRules VARCHAR)[],
  ratebasedrulelist STRUCT(rateBasedRuleId VARCHAR, rateBasedRuleName VARCHAR, limitKey VARCHAR, maxRateAllowed BIGINT, evaluationWindowSec BIGINT, limitValue VARCHAR)[],
  nonterminatingmatchingrules STRUCT(ruleId VARCHAR, action VARCHAR,
    ruleMatchDetails STRUCT(conditionType VARCHAR, sensitivityLevel VARCHAR, location VARCHAR, matchedData VARCHAR[])[],
    challengeResponse STRUCT(responseCode VARCHAR, solveTimestamp VARCHAR, failureReason VARCHAR),
    captchaResponse STRUCT(responseCode VARCHAR, solveTimestamp VARCHAR, failureReason VARCHAR))[],
  requestheadersinserted STRUCT(name VARCHAR, value VARCHAR)[], responsecodesent VARCHAR,
  httprequest STRUCT(clientIp VARCHAR, country VARCHAR, headers STRUCT(name VARCHAR, value VARCHAR)[], uri VARCHAR, args VARCHAR,
    httpVersion VARCHAR, httpMethod VARCHAR, requestId VARCHAR, fragment VARCHAR, scheme VARCHAR, host VARCHAR),
  labels STRUCT(name VARCHAR)[],
  captcharesponse STRUCT(responseCode VARCHAR, solveTimestamp VARCHAR, failureReason VARCHAR),
  challengeresponse STRUCT(responseCode VARCHAR, solveTimestamp VARCHAR, failureReason VARCHAR),
  ja3fingerprint VARCHAR, ja4fingerprint VARCHAR, oversizefields VARCHAR, requestbodysize INTEGER, requestbodysizeinspectedbywaf INTEGER,
  request_ts TIMESTAMP, _unknown_fields JSON, _raw VARCHAR USING COMPRESSION zstd,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
