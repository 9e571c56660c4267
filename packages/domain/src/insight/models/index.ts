// Analysis models (智能研判) as pure functions: each takes what its SQL gathered (set-based, one pass per
// model) and the thresholds in force, and answers alert candidates with their evidence. No I/O.
//
// How the server uses it
// - Thresholds: `effectiveSettings(rule, overrides, category?)` merges the defaults with the stored
//   overrides (`alert_rule_setting`); `careSettings` adds a category's own care limit; an admin's edit is
//   checked by `checkRuleSettings` and then `checkMergedSettings`.
// - Models: `careNotSeen` (with `routineOf`, the entry/exit regularity), `occupancyExcess`,
//   `unregisteredFrequent`, `quarantineBreach`, `deviceOffline` → `AlertCandidate[]`.
// - Alerts: `isSuppressed` is the deduplication rule `raiseAlerts` applies in SQL; `stepAlert` the life
//   cycle of a person's step; `dueAlertEscalations` which unacknowledged alerts go to the township centre.

export * from './alert.ts';
export * from './devices.ts';
export * from './occupancy.ts';
export * from './quarantine.ts';
export * from './routine.ts';
export * from './rules.ts';
export * from './unregistered.ts';
