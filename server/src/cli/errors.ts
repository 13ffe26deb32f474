// The two ways the command line ends with exit code 2 short of a bug: the user's command line is
// wrong, or something outside it is (the report cannot be written). main.ts turns each into one
// line on standard error, never a stack trace.

/** A mistake in the command line: reported in one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

/** A fatal problem outside the user's command line (cannot write the report, …): exit code 2. */
export class FatalError extends Error {}
