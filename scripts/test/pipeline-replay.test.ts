// The spec pipeline end to end, part 4: the replay of real upstream history (OpenAI's and
// Mistral's published documents, commit by commit). See pipeline-updates.test.ts.
import "./replay.e2e.js";
