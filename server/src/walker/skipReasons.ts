// Why a file was not scanned: the one list of skip reasons. The walker produces them (reading or
// listing a file); the CLI's reports, the language server's workspace scan summary and the
// client's summary text all name them from here, so a new reason shows up everywhere or fails to
// compile. Pure: the client bundles it.

/** In the order reports list them. */
export const SKIP_REASONS = ['binary', 'too-large', 'unreadable', 'symlink-loop', 'vanished', 'excluded'] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];
