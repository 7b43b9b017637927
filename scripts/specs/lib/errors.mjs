// The one error the spec pipeline throws for a problem in its sources: it names the page
// (or override) and the problem, and the CLIs print it without a stack.
export class SpecSourceError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "SpecSourceError";
  }
}
