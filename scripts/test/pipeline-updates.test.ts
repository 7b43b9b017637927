// The spec pipeline end to end, part 1: specs:update on throwaway copies of the repo (today's
// pages, changes of each kind, failures that change nothing). The pipeline's end-to-end cases
// are four files (this, pipeline-upstream, pipeline-providers, pipeline-replay) so that they run
// side by side; the scripts project shares workers (isolate: false), so TypeScript and
// openapi-typescript load once per worker, not once per file.
import "./specs-update.e2e.js";
