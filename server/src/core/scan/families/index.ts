// The registered credential families, in the order the scanner asks them. For a SAS query or a
// connection-string setting that two families could claim, the earlier one wins: IoT Hub tokens and
// keys (named by their fields, paths and hosts) come before Service Bus, whose format they share;
// Service Bus tokens (epoch `se` or the `SharedAccessSignature ` prefix, `skn`/`sr`, no `sv`) come
// before storage SAS; and SharedAccessKey before the account key family's "any setting ending in
// key". A new family is a new file and one line here.
import { accountKeyFamily } from './accountKey';
import type { CredentialFamily } from './family';
import { iotHubFamily } from './iotHub';
import { serviceBusFamily } from './serviceBus';
import { storageSasFamily } from './storageSas';

export const CREDENTIAL_FAMILIES: readonly CredentialFamily[] = [iotHubFamily, serviceBusFamily, storageSasFamily, accountKeyFamily];

export type { CredentialFamily, ScanState, SasQueryPlacement, SasToken } from './family';
