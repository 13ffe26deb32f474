// What a revocation plan says: the commands that make a leaked credential worthless, what running
// them breaks, and how to avoid the leak next time. Plain data, so the hover, the code action, the
// CLI's text report and SARIF all print the same plan.

/** One or more commands run in order. A label marks one of several alternatives the token cannot choose between. */
export interface CommandGroup {
  /** "if fabrikam-ns is an Event Hubs namespace": shown as a `#` comment line above the commands. */
  readonly label?: string;
  readonly commands: readonly string[];
}

/** A setting that stops the next leak from working, with its command when there is one. */
export interface Prevention {
  readonly text: string;
  readonly command?: string;
}

export interface Revocation {
  /** False when nothing needs revoking (expired token, public emulator key); `reason` says why. */
  readonly needed: boolean;
  readonly reason?: string;
  /** One sentence: what to do, in words ("Renew both keys of storage account fabrikamdata"). */
  readonly action: string;
  /** The commands; more than one group only when the token cannot tell which applies. */
  readonly groups: readonly CommandGroup[];
  /** What running them breaks: every client using that key, every other token signed with it. */
  readonly breaks: string;
  /** Delays, caveats ("never re-create the policy under the same name"). */
  readonly notes: readonly string[];
  readonly prevention: readonly Prevention[];
  /** The safer way to share the same thing next time. */
  readonly saferSharing: readonly string[];
  /** Anchor in docs/revoking.md for this kind. */
  readonly docsAnchor: string;
}
