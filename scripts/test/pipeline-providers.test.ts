// The spec pipeline end to end, part 3: new-provider (documents, pages, failures) and the sixth
// provider in a copy of the whole workspace. See pipeline-updates.test.ts.
import "./new-provider.e2e.js";
import "./sixth-provider.e2e.js";
