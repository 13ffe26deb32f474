// When the language server dies, whether to start it again: a few crashes are restarted, a crash
// loop is not (the same rule as vscode-languageclient's default handler and the ESLint extension:
// at most 4 restarts within 3 minutes). Kept apart from `vscode` so the rule can be unit-tested.

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export type CrashDecision =
  | { readonly restart: true; readonly message: string; readonly crashes: number }
  | { readonly restart: false; readonly message: string; readonly crashes: number };

export class CrashRestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxRestarts = MAX_RESTARTS,
    private readonly windowMs = RESTART_WINDOW_MS,
  ) {}

  /** Records one crash (the connection closed without a stop) and decides what follows. */
  crashed(): CrashDecision {
    const now = this.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > this.windowMs) this.crashes.shift();
    const crashes = this.crashes.length;
    const minutes = Math.round(this.windowMs / 60_000);
    if (crashes <= this.maxRestarts) {
      return {
        restart: true,
        crashes,
        message: `The SAS Guard server stopped unexpectedly; restarting it (restart ${crashes} of at most ${this.maxRestarts} in ${minutes} minutes).`,
      };
    }
    return {
      restart: false,
      crashes,
      message: `The SAS Guard server crashed ${crashes} times in the last ${minutes} minutes and will not be restarted. See the "SAS Guard" output, then run "SAS Guard: Restart Server".`,
    };
  }

  /** A restart the user asked for starts with a clean record. */
  reset(): void {
    this.crashes.length = 0;
  }
}
