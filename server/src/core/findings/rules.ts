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
      "A service SAS that refers to a stored access policy (si). It can be revoked by deleting or changing the policy, but until then anyone holding it has the policy's rights.",
    fix: 'Delete the stored access policy it names, and never create a policy of that name again (that would revive the token); removing the token from the source does not revoke it (docs/revoking.md). Then remove it.',
  },
  'user-delegation-sas': {
    id: 'user-delegation-sas',
    title: 'Storage user delegation SAS token',
    description:
      'A SAS signed with a Microsoft Entra ID user delegation key (skoid, sktid, …). It lives at most as long as its key (7 days) and can be revoked by revoking the user delegation keys.',
    fix: "If it is still valid, revoke the account's user delegation keys (az storage account revoke-delegation-keys): removing the token from the source does not revoke it (docs/revoking.md). Then remove it.",
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
    description: 'A storage (or Cosmos DB) account key. It grants full control of the whole account, never expires, and can mint any number of SAS tokens.',
    fix: 'Renew the key now (key1/key2): removing it from the source does not revoke it (docs/revoking.md). Then remove it, and use a managed identity or Microsoft Entra ID, or keep the connection string in an environment variable or a secret store.',
  },
  'servicebus-sas': {
    id: 'servicebus-sas',
    title: 'Service Bus / Event Hubs SAS token',
    description:
      'A SharedAccessSignature token for Service Bus, Event Hubs or Relay. Anyone holding it can send or listen on the resource until it expires. A token with the SharedAccessSignature prefix but no expiry (se) is reported for information: the service rejects it.',
    fix: 'If the token is still valid, renew both keys of the rule (skn) that signed it: removing the token from the source does not revoke it (docs/revoking.md). Then remove it.',
  },
  'servicebus-key': {
    id: 'servicebus-key',
    title: 'Service Bus / Event Hubs shared access key',
    description:
      "A SharedAccessKey in a Service Bus, Event Hubs or Relay connection string (Endpoint=sb://…), including an IoT hub's Event Hubs-compatible endpoint. It never expires and signs any number of tokens; RootManageSharedAccessKey manages the whole namespace.",
    fix: 'Renew both keys of the rule: removing the key from the source does not revoke it (docs/revoking.md). Then remove it, and use a managed identity, or keep the connection string in an environment variable or a secret store.',
  },
  'iothub-device-key': {
    id: 'iothub-device-key',
    title: 'IoT Hub device or module key',
    description:
      "The symmetric key of an IoT Hub device or module identity (a connection string with DeviceId=, and ModuleId= for a module), or a device's key for registering with the Device Provisioning Service (IdScope= / RegistrationId=). Anyone holding it can connect as that device or module: send telemetry, receive cloud-to-device messages, update its twin and answer direct methods. It never expires.",
    fix: "Renew the device's (or module's) keys in the hub (az iot hub device-identity renew-key): removing the key from the source does not revoke it (docs/revoking.md). Then remove it. Keep the connection string in an environment variable or a secret store, or use X.509 authentication.",
  },
  'iothub-policy-key': {
    id: 'iothub-policy-key',
    title: 'IoT Hub shared access policy key',
    description:
      'The key of an IoT Hub shared access policy (HostName=…;SharedAccessKeyName=…;SharedAccessKey=…). iothubowner has full control of the hub: its identity registry with every device key, and its service endpoints. The other built-in policies carry their fixed rights (service: service connect; device: connect as any device; registryRead, registryReadWrite: the registry). It never expires.',
    fix: "Renew the policy's keys (az iot hub policy renew-key): removing the key from the source does not revoke it (docs/revoking.md). Then remove it. Use a managed identity or Microsoft Entra ID for service access, or keep the connection string in an environment variable or a secret store.",
  },
  'iothub-sas': {
    id: 'iothub-sas',
    title: 'IoT Hub SAS token',
    description:
      'A SharedAccessSignature token for IoT Hub or the Device Provisioning Service: scoped to a device, a module or a registration (sr=…/devices/…, …/registrations/…), or to the whole hub or service and signed by a policy (skn). Anyone holding it can use it until it expires; one without an expiry (se) is reported for information, since the service rejects it.',
    fix: "If it is still valid, renew the key that signed it, the device's key or the policy's (skn): removing the token from the source does not revoke it (docs/revoking.md). Then remove it.",
  },
  'dps-policy-key': {
    id: 'dps-policy-key',
    title: 'Device Provisioning Service policy key',
    description:
      "The key of a Device Provisioning Service shared access policy (a HostName on *.azure-devices-provisioning.net, or the provisioningserviceowner policy). It controls the service's enrollments, whose keys let devices register and join the linked hubs. It never expires.",
    fix: "Regenerate the policy's keys (az iot dps policy update --primary-key / --secondary-key, or the portal): removing the key from the source does not revoke it (docs/revoking.md). Then remove it. Keep the connection string in an environment variable or a secret store.",
  },
};

export function ruleHelpUri(ruleId: RuleId): string {
  return `${PROJECT_README_URL}#${ruleId}`;
}
