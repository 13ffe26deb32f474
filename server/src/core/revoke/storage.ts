// Revoking storage credentials (reference/history-and-revocation.md §D). Azure keeps no list of the
// SAS tokens it signed, so an account SAS or an ad hoc service SAS dies only when the key that
// signed it is renewed, and the token does not say whether key1 or key2 signed it: renew both. A
// token bound to a stored access policy dies with its policy; a user delegation SAS with the
// account's delegation keys.
import type { KeyDetails, SasDetails } from '../findings/types';
import { RESOURCE_GROUP, shellArgument } from './shellWords';
import type { Prevention, Revocation } from './types';

const ACCOUNT = '<account>';

export const STORAGE_SAFER_SHARING: readonly string[] = [
  'a user delegation SAS: signed with Microsoft Entra ID credentials, valid at most 7 days, revocable with revoke-delegation-keys',
  'a service SAS bound to a stored access policy: delete the policy and every token bound to it stops working',
  'a separate storage account for what is shared outside, so a leak never reaches the data that stays inside',
];

function storagePrevention(account: string, group = RESOURCE_GROUP): Prevention[] {
  return [
    {
      text: 'Refuse every key-signed SAS and Shared Key request (user delegation SAS still work)',
      command: `az storage account update --name ${account} --resource-group ${group} --allow-shared-key-access false`,
    },
    {
      text: 'A SAS expiration policy: tokens valid longer are logged (add --sas-expiration-action Block, Azure CLI 2.75.0+, to deny them)',
      command: `az storage account update --name ${account} --resource-group ${group} --sas-expiration-period 7.00:00:00`,
    },
  ];
}

/** `az storage account keys renew`'s name for key1 and key2. */
const RENEW_KEY_OPTION = { key1: 'primary', key2: 'secondary' } as const;

function renewKeys(account: string, keys: readonly ('primary' | 'secondary')[] = ['primary', 'secondary'], group = RESOURCE_GROUP): string[] {
  return keys.map((key) => `az storage account keys renew --resource-group ${group} --account-name ${account} --key ${key}`);
}

const KEY_BREAKS =
  'every client that uses either key (connection strings, SDK clients, mounted shares) and every SAS signed with either key, including ones never leaked: move clients to the new key, or better to Microsoft Entra ID, before you run it';

const ONE_KEY_BREAKS =
  'every client that uses this key (connection strings, SDK clients, mounted shares) and every SAS signed with it, including ones never leaked: move clients to the other key, or better to Microsoft Entra ID, before you run it';

const KEY_NOTES = [
  'Renew the key clients do not use first, move them to it, then renew the other one.',
  'A renewed key can take a few minutes to reach every storage front end.',
];

/** Account SAS, ad hoc service SAS, unknown-kind SAS: renew the signing key, both since the token cannot say which. */
export function keySignedSasRevocation(details: SasDetails | undefined): Revocation {
  const account = shellArgument(details?.account, ACCOUNT);
  return {
    needed: true,
    action: `Renew both keys of storage account ${account}: the token was signed with one of them and does not say which`,
    groups: [{ commands: renewKeys(account) }],
    breaks: KEY_BREAKS,
    notes: ['Azure keeps no list of the SAS tokens it signed: renewing the signing key is the only way to revoke an ad hoc SAS at once.', ...KEY_NOTES],
    prevention: storagePrevention(account),
    saferSharing: STORAGE_SAFER_SHARING,
    docsAnchor: 'account-sas-and-service-sas',
  };
}

/** Storage (or Cosmos DB) account key: renew it. The value does not say whether it is key1 or key2. */
export function accountKeyRevocation(details: KeyDetails | undefined): Revocation {
  const account = shellArgument(details?.account, ACCOUNT);
  if (details?.keyKind === 'cosmos-account-key') {
    return {
      needed: true,
      action: `Regenerate the keys of Cosmos DB account ${account}: the value does not say whether it is the primary or the secondary key`,
      groups: [
        {
          commands: ['primary', 'secondary'].map(
            (kind) => `az cosmosdb keys regenerate --resource-group ${RESOURCE_GROUP} --name ${account} --key-kind ${kind}`,
          ),
        },
      ],
      breaks: 'every client that uses the regenerated key: move clients to the other key, or to Microsoft Entra ID, first',
      notes: ['Read-only keys are separate (--key-kind primaryReadonly / secondaryReadonly): regenerate those if the leaked value is one.'],
      prevention: [{ text: 'Turn off key access (disableLocalAuth) and use Microsoft Entra ID role assignments' }],
      saferSharing: ['Microsoft Entra ID role assignments or resource tokens scoped to one container, instead of an account key'],
      docsAnchor: 'storage-account-key',
    };
  }
  const group = shellArgument(details?.resourceGroup, RESOURCE_GROUP);
  const named = details?.keyName === 'key1' || details?.keyName === 'key2' ? details.keyName : undefined;
  return {
    needed: true,
    action:
      named !== undefined
        ? `Renew ${named} of storage account ${account} (the listKeys response names it; --key ${RENEW_KEY_OPTION[named]})`
        : `Renew the key of storage account ${account}; the value does not say whether it is key1 or key2, so renew both unless you know`,
    groups: [{ commands: renewKeys(account, named !== undefined ? [RENEW_KEY_OPTION[named]] : undefined, group) }],
    breaks: named !== undefined ? ONE_KEY_BREAKS : KEY_BREAKS,
    notes: KEY_NOTES,
    prevention: storagePrevention(account, group),
    saferSharing: STORAGE_SAFER_SHARING,
    docsAnchor: 'storage-account-key',
  };
}

type PolicyTarget = { readonly noun: 'container' | 'share' | 'queue' | 'table'; readonly name: string | undefined };

/** What the stored access policy hangs on: the container, share, queue or table the token targets. */
function policyTarget(details: SasDetails | undefined): PolicyTarget {
  const firstSegment = details?.path?.split('/').find((s) => s !== '');
  const service = details?.services[0];
  if (details?.tableName !== undefined || service === 'table') return { noun: 'table', name: details?.tableName ?? firstSegment };
  if (service === 'queue') return { noun: 'queue', name: firstSegment };
  if (service === 'file') return { noun: 'share', name: firstSegment };
  return { noun: 'container', name: firstSegment };
}

/** Service SAS bound to a stored access policy (si): delete the policy, never re-create the name. */
export function policySasRevocation(details: SasDetails | undefined): Revocation {
  const account = shellArgument(details?.account, ACCOUNT);
  const target = policyTarget(details);
  const targetName = shellArgument(target.name, `<${target.noun}>`);
  const policy = shellArgument(details?.policyId, '<policy-id>');
  return {
    needed: true,
    action: `Delete stored access policy ${policy} of ${target.noun} ${targetName}, and never create a policy of that name again`,
    groups: [
      {
        commands: [`az storage ${target.noun} policy delete --${target.noun}-name ${targetName} --name ${policy} --account-name ${account}`],
      },
    ],
    breaks: `every SAS bound to policy ${policy}; tokens bound to other policies and the account keys keep working`,
    notes: [
      'Deleting the policy revokes its tokens at once; creating or changing a policy can take up to 30 seconds to take effect.',
      'Re-creating a policy with the same name brings every old token bound to it back to life: use a new name.',
      'The command needs key access to the account (it looks the key up, or pass --account-key / --connection-string / --auth-mode).',
    ],
    prevention: storagePrevention(account),
    saferSharing: STORAGE_SAFER_SHARING,
    docsAnchor: 'policy-sas',
  };
}

/** User delegation SAS: revoke the account's user delegation keys. */
export function userDelegationRevocation(details: SasDetails | undefined): Revocation {
  const account = shellArgument(details?.account, ACCOUNT);
  const objectId = details?.userDelegation?.objectId;
  return {
    needed: true,
    action: `Revoke every user delegation key of storage account ${account}`,
    groups: [{ commands: [`az storage account revoke-delegation-keys --name ${account} --resource-group ${RESOURCE_GROUP}`] }],
    breaks: 'every user delegation SAS of the account, whoever signed it; account keys and key-signed SAS keep working',
    notes: [
      'Delegation keys and role assignments are cached: the token can keep working for a while after the command.',
      `Or remove the data role of the principal that signed it (skoid): az role assignment delete --assignee ${shellArgument(objectId, '<object-id>')} --scope <storage-account-id>.`,
      'A user delegation key lives at most 7 days, so the token dies by then whatever its expiry says.',
    ],
    prevention: [
      {
        text: 'A SAS expiration policy keeps future tokens short',
        command: `az storage account update --name ${account} --resource-group ${RESOURCE_GROUP} --sas-expiration-period 7.00:00:00`,
      },
    ],
    saferSharing: STORAGE_SAFER_SHARING,
    docsAnchor: 'user-delegation-sas',
  };
}
