// Field work (两查两评三挂钩): patrol tracks and the buildings they pass, the daily and patrol checks, the
// performance and residents' ratings, the monthly sheet with the county's weights and grades; and the
// system's hand-back of a departing worker's tasks. No I/O: the server gathers the records and stores
// what these answer.
//
// How the server uses it
// - Settings: a county's stored settings go through `checkAssessmentSettings`; without them,
//   `DEFAULT_ASSESSMENT_SETTINGS`.
// - A month's sheet: gather the worker's check-ins, patrols with their points, the buildings of the grids
//   covered, the performance figures and the residents' ratings, then `assessmentSheet(input, settings)`.
// - Disabling a worker: for each open case, `openTasksOf(case, userId)`, then `handBackTask(case, no,
//   reason, now)` and write its result like any step.

export * from './calendar.ts';
export * from './checks.ts';
export * from './hand-back.ts';
export * from './ratings.ts';
export * from './settings.ts';
export * from './sheet.ts';
export * from './track.ts';
