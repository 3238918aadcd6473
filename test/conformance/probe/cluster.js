'use strict';
// PROBE STUB (scripts/node-conformance.mjs --probe): stands in for
// require('cluster') inside Node's test/common only. Diagnostic, never counted.
module.exports = { isPrimary: true, isMaster: true, isWorker: false };
