'use strict';
// PROBE STUB (scripts/node-conformance.mjs --probe): stands in for require('net')
// inside Node's test/common only, so that the tests get past common/index.js
// and show what fails next. Results with a probe are diagnostic, never the
// conformance numbers.
let attemptTimeout = 250;
let autoSelectFamily = true;
const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIPv4 = (s) => typeof s === 'string' && v4.test(s);
const isIPv6 = (s) => typeof s === 'string' && s.includes(':') && /^[0-9a-fA-F:.]+(%.+)?$/.test(s);
module.exports = {
  setDefaultAutoSelectFamilyAttemptTimeout(v) { attemptTimeout = v; },
  getDefaultAutoSelectFamilyAttemptTimeout() { return attemptTimeout; },
  setDefaultAutoSelectFamily(v) { autoSelectFamily = v; },
  getDefaultAutoSelectFamily() { return autoSelectFamily; },
  isIP: (s) => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0),
  isIPv4,
  isIPv6,
};
