// The spec pipeline end to end, part 3: new-provider (documents, pages, failures), the sixth
// provider in a copy of the whole workspace, and the replay of real upstream history. See
// pipeline-updates.test.ts.
import "./new-provider.e2e.js";
import "./sixth-provider.e2e.js";
import "./replay.e2e.js";
