public import Hummingbird
import Logging
public import NIOCore
public import SealbridgeStore

/// The request context of the service: the client's address (for the audit log and anonymous rate limits) and
/// the API key the request presented, once checked.
public struct ServiceRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's own storage.
    public var coreContext: CoreRequestContextStorage
    /// The client's address.
    public let remoteAddress: SocketAddress?
    /// The API key the request presented, once ``Access`` checked it.
    public var apiKey: APIKeyRecord?

    /// Makes the context for a request on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Who is acting, for the audit log: the key's id, or `anonymous`.
    var actor: String { apiKey?.id ?? "anonymous" }

    /// The client's IP address as text.
    var clientAddress: String? { remoteAddress?.ipAddress }
}
