// Rule catalogue: one entry a rule id, shared by diagnostics, the CLI's reports and SARIF.
// The README has a section per rule whose anchor is the rule id; `ruleHelpUri` links there.
// Each fix starts with revocation: removing a credential from the source does not revoke it. The
// exact commands per finding come from core/revoke; docs/revoking.md explains them.
import type { RuleId } from './types';

export const PROJECT_README_URL = 'https://github.com/sas-guard/sas-guard/blob/main/README.md';

export interface RuleInfo {
  readonly id: RuleId;
  /** Short title, sentence case, no trailing period. */
  readonly title: string;
  /** What the rule finds and why it matters. */
  readonly description: string;
  /** How to fix it: revoke first (removing it from the source revokes nothing), then remove it. */
  readonly fix: string;
}

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  'account-sas': {
    id: 'account-sas',
    title: 'Storage account SAS token',
    description:
      'An account SAS (ss/srt parameters) signed with the storage account key. It can reach every container, queue, table or share of the services it names, and it can only be revoked by rotating the account key.',
    fix: 'Renew both account keys (the token does not say which one signed it): removing the token from the source does not revoke it (docs/revoking.md). Then remove it, and use a short-lived user delegation SAS or a managed identity instead. Keep any token you still need in an environment variable or a secret store.',
  },
  'service-sas': {
    id: 'service-sas',
    title: 'Storage service SAS token',
    description:
      'A service SAS (sr / tn / queue) signed with the storage account key, not bound to a stored access policy. It can only be revoked by rotating the account key.',
    fix: 'Renew both account keys (the token does not say which one signed it): removing the token from the source does not revoke it (docs/revoking.md). Then remove it. Prefer a stored access policy (si) or a user delegation SAS with a short lifetime.',
  },
  'policy-sas': {
    id: 'policy-sas',
    title: 'Storage SAS bound to a stored access policy',
    description:
      'A service SAS that refers to a stored access policy (si). It can be revoked by deleting or changing the policy, but until then anyone holding it has the policy\'s rights.',
    fix: 'Delete the stored access policy it names, and never create a policy of that name again (that would revive the token); removing the token from the source does not revoke it (docs/revoking.md). Then remove it.',
  },
  'user-delegation-sas': {
    id: 'user-delegation-sas',
    title: 'Storage user delegation SAS token',
    description:
      'A SAS signed with a Microsoft Entra ID user delegation key (skoid, sktid, …). It lives at most as long as its key (7 days) and can be revoked by revoking the user delegation keys.',
    fix: 'If it is still valid, revoke the account\'s user delegation keys (az storage account revoke-delegation-keys): removing the token from the source does not revoke it (docs/revoking.md). Then remove it.',
  },
  'unknown-sas': {
    id: 'unknown-sas',
    title: 'Storage SAS token of unknown kind',
    description:
      'A storage-style SAS (signed version and a 44-character signature) whose kind cannot be told from its parameters. It is graded conservatively.',
    fix: 'Renew the key that signed it (both account keys when unsure): removing the token from the source does not revoke it (docs/revoking.md). Then remove it.',
  },
  'storage-account-key': {
    id: 'storage-account-key',
    title: 'Storage account key',
    description:
      'A storage (or Cosmos DB) account key. It grants full control of the whole account, never expires, and can mint any number of SAS tokens.',
    fix: 'Renew the key now (key1/key2): removing it from the source does not revoke it (docs/revoking.md). Then remove it, and use a managed identity or Microsoft Entra ID, or keep the connection string in an environment variable or a secret store.',
  },
  'servicebus-sas': {
    id: 'servicebus-sas',
    title: 'Service Bus / Event Hubs SAS token',
    description:
      'A SharedAccessSignature token for Service Bus, Event Hubs, Relay or IoT Hub. Anyone holding it can send or listen on the resource until it expires.',
    fix: 'If the token is still valid, renew both keys of the rule (skn) that signed it: removing the token from the source does not revoke it (docs/revoking.md). Then remove it.',
  },
  'servicebus-key': {
    id: 'servicebus-key',
    title: 'Service Bus / Event Hubs shared access key',
    description:
      'A SharedAccessKey in a Service Bus, Event Hubs, Relay or IoT Hub connection string. It never expires and signs any number of tokens; RootManageSharedAccessKey manages the whole namespace.',
    fix: 'Renew both keys of the rule: removing the key from the source does not revoke it (docs/revoking.md). Then remove it, and use a managed identity, or keep the connection string in an environment variable or a secret store.',
  },
};

export function ruleHelpUri(ruleId: RuleId): string {
  return `${PROJECT_README_URL}#${ruleId}`;
}
