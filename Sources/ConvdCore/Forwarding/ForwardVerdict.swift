/// What an attempt means for the item: sent, try again later, or give up now.
public enum ForwardVerdict: Sendable, Equatable {
    /// Delivered: the item is done.
    case sent
    /// Failed for a reason that may pass: try again after a backoff.
    case retry(reason: String)
    /// Failed for good: the item is kept as DEAD for an operator to retry.
    case dead(reason: String)

    /// Classifies a reply (or its absence): 2xx is success unless the success check fails;
    /// 408, 429, 5xx, timeouts and connection errors are retried; any other status is permanent.
    public static func classify(statusCode: Int, body: String, successBodyContains: String, transportError: String?) -> ForwardVerdict {
        if let transportError { return .retry(reason: transportError) }
        switch statusCode {
        case 200..<300:
            if !successBodyContains.isEmpty && !body.contains(successBodyContains) {
                return .retry(reason: "HTTP \(statusCode) but the body lacks \"\(successBodyContains)\"")
            }
            return .sent
        case 408, 429, 500..<600: return .retry(reason: "HTTP \(statusCode)")
        default: return .dead(reason: "HTTP \(statusCode) is permanent")
        }
    }
}
