// The one fixed "now" of the test suites. Grades and "time left" depend on the clock, and a test that
// read the real time would change its verdict as the calendar passes a token's expiry. Engine tests
// pass it as ScanOptions.now; the LSP harness (test/lsp/support.ts) gives it to the server process
// through SAS_GUARD_TEST_CLOCK (server/src/node/main.ts).
export const NOW = new Date('2026-11-29T00:00:00Z');
