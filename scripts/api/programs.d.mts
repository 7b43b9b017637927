// Types of programs.mjs for the tests that import it.
import type { CompilerHost, CompilerOptions } from "typescript";
export function cachingHost(options: CompilerOptions): CompilerHost;
/** What `tsc -p <tsconfig> --noEmit` reports, formatted as tsc prints it ("" when nothing). */
export function typeCheck(tsconfig: string): string;
/** What `tsc -p <tsconfig>` does, in this process: emits, and reports the errors ("" when none). */
export function buildProject(tsconfig: string): string;
