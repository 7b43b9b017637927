#!/usr/bin/env node
import { isClosedPipe, run } from "./cli.js";

// A reader that closes the pipe early (`llm-files content X | head -c 10`) ends the command
// quietly with status 0, as cat does, instead of an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (isClosedPipe(err)) process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
process.exitCode = code;
