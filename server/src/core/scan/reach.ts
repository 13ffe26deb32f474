// How far the engine's handling of one anchor reads around it. The editor's re-scan (rescan.ts), the
// history's edited-version scan and the windowed scan of long decoded values (decodedWindows.ts) all
// rest on these bounds: text further away cannot change what an anchor yields.

/**
 * Furthest any anchor's handling reads after the anchor: a token extent (TOKEN_WINDOW, 4,096), the
 * string literals joined to it (JOIN_REACH, 4,096, in parse/splitLiterals.ts), and a connection string
 * read CONNECTION_STRING_WINDOW (4,096) further on; key anchors look ~700 characters ahead. Twice the
 * sum, for margin.
 */
export const FORWARD_REACH = 24_576;
/**
 * Furthest any anchor's handling reads before the anchor: the extent (4,096), the string literals
 * joined before it (JOIN_REACH, 4,096), up to 4 folded lines before those (each 4,096 plus 400 of
 * gaps), a connection string around the query's start (4,096): ~30,300.
 */
export const BACKWARD_REACH = 49_152;
/**
 * Furthest deciding whether a position is an anchor reads from it, either way: the claim hints
 * around a `sig=` (sasClaimHints.ts, 9,216, and a claim key ending at the token window's edge,
 * 4,096 on), a key anchor's ~700 characters ahead. Twice the most, for margin.
 */
export const ANCHOR_SEARCH_REACH = 18_432;
