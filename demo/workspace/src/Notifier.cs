// Posts an event when an upload completes.
using Azure.Messaging.ServiceBus;

public static class Notifier
{
    private const string Connection = "Endpoint=sb://contoso-events.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=stQ01qdcjlYSLYpKh85pFbcbN9fd1Gi0JzIXeg4fFvk=";

    public static ServiceBusClient Create() => new ServiceBusClient(Connection);
}
