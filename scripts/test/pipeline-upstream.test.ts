// The spec pipeline end to end, part 2: real upstream changes (a sixth operation, pages that
// moved, overrides whose targets moved, renames, new required fields). See pipeline-updates.test.ts.
import "./upstream-changes.e2e.js";
