// The revoke commands of one finding as the machine-readable reports carry them (JSON `revoke`,
// SARIF result `properties.revoke`): what to do, the commands one a line (alternatives under `#`
// comment lines), and the guide. Absent when nothing needs revoking (expired, emulator key).
import type { Finding } from '../core/findings/types';
import { revocationFor, revokeScript, revokingDocUri } from '../core/revoke/revocation';

export interface RevokeEntry {
  readonly action: string;
  readonly commands: readonly string[];
  readonly docs: string;
}

export function revokeEntry(finding: Finding): RevokeEntry | undefined {
  const plan = revocationFor(finding);
  const script = revokeScript(plan);
  if (!plan.needed || script === '') return undefined;
  return { action: plan.action, commands: script.split('\n'), docs: revokingDocUri(plan) };
}
