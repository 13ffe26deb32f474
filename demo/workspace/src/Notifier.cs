// Posts an event when an upload completes.
using Azure.Messaging.ServiceBus;

public static class Notifier
{
    private const string Connection = "Endpoint=sb://contoso-events.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=KeoEFatluTj9esZmYTQ3rDjPA8zat0LPBwRhiB6ki44=";

    public static ServiceBusClient Create() => new ServiceBusClient(Connection);
}
