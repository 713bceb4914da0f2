import ConvdProto
import ConvdWire

/// The full names of every method, so callers never spell them by hand.
public enum Methods {
    private static func m(_ s: String, _ n: String) -> MethodName { MethodName(service: s, method: n) }
    /// `System/Health`.
    public static let health = m("System", "Health")
    /// `System/Info`.
    public static let info = m("System", "Info")
    /// `System/Metrics`.
    public static let metrics = m("System", "Metrics")
    /// `System/Backup`.
    public static let backup = m("System", "Backup")
    /// `Recipients/Put`.
    public static let putRecipient = m("Recipients", "Put")
    /// `Recipients/Get`.
    public static let getRecipient = m("Recipients", "Get")
    /// `Recipients/List`.
    public static let listRecipients = m("Recipients", "List")
    /// `Recipients/Delete`.
    public static let deleteRecipient = m("Recipients", "Delete")
    /// `Recipients/Restore`.
    public static let restoreRecipient = m("Recipients", "Restore")
    /// `Sources/Put`.
    public static let putSource = m("Sources", "Put")
    /// `Sources/Get`.
    public static let getSource = m("Sources", "Get")
    /// `Sources/List`.
    public static let listSources = m("Sources", "List")
    /// `Sources/Delete`.
    public static let deleteSource = m("Sources", "Delete")
    /// `Sources/Restore`.
    public static let restoreSource = m("Sources", "Restore")
    /// `Sources/Statement`.
    public static let statement = m("Sources", "Statement")
    /// `Sources/CloseMonth`.
    public static let closeMonth = m("Sources", "CloseMonth")
    /// `Deliveries/Record`.
    public static let recordDelivery = m("Deliveries", "Record")
    /// `Deliveries/Get`.
    public static let getDelivery = m("Deliveries", "Get")
    /// `Deliveries/AdjustCost`.
    public static let adjustCost = m("Deliveries", "AdjustCost")
    /// `Returns/Retract`.
    public static let retractReturn = m("Returns", "Retract")
    /// `Deliveries/Erase`.
    public static let eraseDeliveries = m("Deliveries", "Erase")
    /// `Feedback/Record`.
    public static let recordFeedback = m("Feedback", "Record")
    /// `Feedback/RecordBatch`.
    public static let recordFeedbackBatch = m("Feedback", "RecordBatch")
    /// `Feedback/Adjust`.
    public static let adjust = m("Feedback", "Adjust")
    /// `Feedback/Retract`.
    public static let retract = m("Feedback", "Retract")
    /// `Conversions/Get`.
    public static let getConversion = m("Conversions", "Get")
    /// `Conversions/List`.
    public static let listConversions = m("Conversions", "List")
    /// `Conversions/Stats`.
    public static let stats = m("Conversions", "Stats")
    /// `Events/List`.
    public static let listEvents = m("Events", "List")
    /// `Events/Watch`.
    public static let watchEvents = m("Events", "Watch")
    /// `Forwarding/List`.
    public static let listForwards = m("Forwarding", "List")
    /// `Forwarding/Retry`.
    public static let retryForwards = m("Forwarding", "Retry")
}
