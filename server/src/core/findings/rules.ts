// Rule catalogue: one entry a rule id, shared by diagnostics, the CLI's reports and SARIF.
// The README has a section per rule whose anchor is the rule id; `ruleHelpUri` links there.
import type { RuleId } from './types';

export const PROJECT_README_URL = 'https://github.com/sas-guard/sas-guard/blob/main/README.md';

export interface RuleInfo {
  readonly id: RuleId;
  /** Short title, sentence case, no trailing period. */
  readonly title: string;
  /** What the rule finds and why it matters. */
  readonly description: string;
  /** How to fix it. */
  readonly fix: string;
}

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  'account-sas': {
    id: 'account-sas',
    title: 'Storage account SAS token',
    description:
      'An account SAS (ss/srt parameters) signed with the storage account key. It can reach every container, queue, table or share of the services it names, and it can only be revoked by rotating the account key.',
    fix: 'Remove the token from the source, rotate the account key that signed it, and use a short-lived user delegation SAS or a managed identity instead. Keep any token you still need in an environment variable or a secret store.',
  },
  'service-sas': {
    id: 'service-sas',
    title: 'Storage service SAS token',
    description:
      'A service SAS (sr / tn / queue) signed with the storage account key, not bound to a stored access policy. It can only be revoked by rotating the account key.',
    fix: 'Remove the token from the source and rotate the signing account key. Prefer a stored access policy (si) or a user delegation SAS with a short lifetime.',
  },
  'policy-sas': {
    id: 'policy-sas',
    title: 'Storage SAS bound to a stored access policy',
    description:
      'A service SAS that refers to a stored access policy (si). It can be revoked by deleting or changing the policy, but until then anyone holding it has the policy\'s rights.',
    fix: 'Remove the token from the source and delete or change the stored access policy it names.',
  },
  'user-delegation-sas': {
    id: 'user-delegation-sas',
    title: 'Storage user delegation SAS token',
    description:
      'A SAS signed with a Microsoft Entra ID user delegation key (skoid, sktid, …). It lives at most as long as its key (7 days) and can be revoked by revoking the user delegation keys.',
    fix: 'Remove the token from the source; revoke the user delegation keys if it is still valid.',
  },
  'unknown-sas': {
    id: 'unknown-sas',
    title: 'Storage SAS token of unknown kind',
    description:
      'A storage-style SAS (signed version and a 44-character signature) whose kind cannot be told from its parameters. It is graded conservatively.',
    fix: 'Remove the token from the source and rotate the key that signed it.',
  },
  'storage-account-key': {
    id: 'storage-account-key',
    title: 'Storage account key',
    description:
      'A storage (or Cosmos DB) account key. It grants full control of the whole account, never expires, and can mint any number of SAS tokens.',
    fix: 'Remove the key from the source and rotate it now (key1/key2). Use a managed identity or Microsoft Entra ID, or keep the connection string in an environment variable or a secret store.',
  },
  'servicebus-sas': {
    id: 'servicebus-sas',
    title: 'Service Bus / Event Hubs SAS token',
    description:
      'A SharedAccessSignature token for Service Bus, Event Hubs, Relay or IoT Hub. Anyone holding it can send or listen on the resource until it expires.',
    fix: 'Remove the token from the source; regenerate the shared access key of the rule (skn) that signed it if the token is still valid.',
  },
  'servicebus-key': {
    id: 'servicebus-key',
    title: 'Service Bus / Event Hubs shared access key',
    description:
      'A SharedAccessKey in a Service Bus, Event Hubs, Relay or IoT Hub connection string. It never expires and signs any number of tokens; RootManageSharedAccessKey manages the whole namespace.',
    fix: 'Remove the key from the source and regenerate it. Use a managed identity, or keep the connection string in an environment variable or a secret store.',
  },
};

export function ruleHelpUri(ruleId: RuleId): string {
  return `${PROJECT_README_URL}#${ruleId}`;
}
