// The revocation script expected for the fabricated Service Bus / Event Hubs connection string
// (namespace fabrikam-ns, rule RootManageSharedAccessKey), written out once: the engine's unit test
// and the LSP hover test both check the same commands, and two copies of them would drift apart.

/** The placeholder the revocation commands put where the user's resource group goes. */
const RG = '--resource-group <resource-group>';

/**
 * Renew both keys of the rule, once as a Service Bus namespace and once as an Event Hubs namespace
 * (the endpoint does not say which it is).
 */
export const FABRIKAM_NAMESPACE_RENEW_SCRIPT = [
  '# if fabrikam-ns is a Service Bus namespace',
  `az servicebus namespace authorization-rule keys renew ${RG} --namespace-name fabrikam-ns --name RootManageSharedAccessKey --key PrimaryKey`,
  `az servicebus namespace authorization-rule keys renew ${RG} --namespace-name fabrikam-ns --name RootManageSharedAccessKey --key SecondaryKey`,
  '# if fabrikam-ns is an Event Hubs namespace',
  `az eventhubs namespace authorization-rule keys renew ${RG} --namespace-name fabrikam-ns --name RootManageSharedAccessKey --key PrimaryKey`,
  `az eventhubs namespace authorization-rule keys renew ${RG} --namespace-name fabrikam-ns --name RootManageSharedAccessKey --key SecondaryKey`,
].join('\n');
