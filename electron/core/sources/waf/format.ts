// AWS WAF logs (JSON): the Athena user guide's waf_logs columns and types, in its order. Struct fields keep
// the log's own key spelling (httpRequest.clientIp; DuckDB reads `httprequest.clientip` all the same); the
// whole record is kept in `_raw`, since a nested key the DDL lacks would otherwise be dropped.
import type { JsonFormat } from '../json-records/format';

const V = 'VARCHAR';
const matchDetails = [{ conditionType: V, sensitivityLevel: V, location: V, matchedData: [V] }];
const response = { responseCode: V, solveTimestamp: V, failureReason: V };

export const WAF_FORMAT: JsonFormat = {
  id: 'waf',
  label: 'AWS WAF log',
  table: 'waf_logs',
  columns: [
    { name: 'timestamp', key: 'timestamp', type: 'BIGINT' },
    { name: 'formatversion', key: 'formatVersion', type: 'INTEGER' },
    { name: 'webaclid', key: 'webaclId', type: V },
    { name: 'terminatingruleid', key: 'terminatingRuleId', type: V },
    { name: 'terminatingruletype', key: 'terminatingRuleType', type: V },
    { name: 'action', key: 'action', type: V },
    { name: 'terminatingrulematchdetails', key: 'terminatingRuleMatchDetails', type: matchDetails },
    { name: 'httpsourcename', key: 'httpSourceName', type: V },
    { name: 'httpsourceid', key: 'httpSourceId', type: V },
    { name: 'rulegrouplist', key: 'ruleGroupList', type: [{
      ruleGroupId: V,
      terminatingRule: { ruleId: V, action: V, ruleMatchDetails: matchDetails },
      nonTerminatingMatchingRules: [{ ruleId: V, action: V, overriddenAction: V, ruleMatchDetails: matchDetails, challengeResponse: response, captchaResponse: response }],
      excludedRules: V,
    }] },
    { name: 'ratebasedrulelist', key: 'rateBasedRuleList', type: [{ rateBasedRuleId: V, rateBasedRuleName: V, limitKey: V, maxRateAllowed: 'BIGINT', evaluationWindowSec: 'BIGINT', limitValue: V }] },
    { name: 'nonterminatingmatchingrules', key: 'nonTerminatingMatchingRules', type: [{ ruleId: V, action: V, ruleMatchDetails: matchDetails, challengeResponse: response, captchaResponse: response }] },
    { name: 'requestheadersinserted', key: 'requestHeadersInserted', type: [{ name: V, value: V }] },
    { name: 'responsecodesent', key: 'responseCodeSent', type: V },
    { name: 'httprequest', key: 'httpRequest', type: {
      clientIp: V, country: V, headers: [{ name: V, value: V }], uri: V, args: V, httpVersion: V, httpMethod: V, requestId: V, fragment: V, scheme: V, host: V,
    } },
    { name: 'labels', key: 'labels', type: [{ name: V }] },
    { name: 'captcharesponse', key: 'captchaResponse', type: response },
    { name: 'challengeresponse', key: 'challengeResponse', type: response },
    { name: 'ja3fingerprint', key: 'ja3Fingerprint', type: V },
    { name: 'ja4fingerprint', key: 'ja4Fingerprint', type: V },
    { name: 'oversizefields', key: 'oversizeFields', type: V },
    { name: 'requestbodysize', key: 'requestBodySize', type: 'INTEGER' },
    { name: 'requestbodysizeinspectedbywaf', key: 'requestBodySizeInspectedByWAF', type: 'INTEGER' },
  ],
  required: ['timestamp', 'webaclId', 'action', 'httpRequest'],
  computed: [{ name: 'request_ts', sql: 'CAST(make_timestamp(r."timestamp" * 1000) AS TIMESTAMP)' }],
};
