// The spec pipeline end to end (specs:update and new-provider on throwaway copies of the repo,
// the sixth provider in a copy of the whole workspace, the replay of real upstream history), as one test file: one worker runs
// them one after another, so TypeScript, openapi-typescript and the libraries' parsed
// declarations are loaded once for all of them. As separate files they ran in workers that
// each loaded everything again (~13 s of CPU more).
import "./specs-update.e2e.js";
import "./upstream-changes.e2e.js";
import "./new-provider.e2e.js";
import "./sixth-provider.e2e.js";
import "./replay.e2e.js";
