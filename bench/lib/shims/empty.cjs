// Stands in for a Node built-in that the browser baselines never call.
module.exports = {};
