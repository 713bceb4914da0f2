/// The values rules read: `feedback.*` from the feedback, `lead.*` and `delivery.*` from the delivery.
public enum FeedbackFields {
    /// The value of `field`, or nil when absent.
    public static func value(of field: String, input: FeedbackInput, delivery: Delivery) -> String? {
        switch field {
        case "feedback.type": return input.conversionType
        case "feedback.reason": return input.reason
        case "feedback.amount": return input.amount.map { MoneyFormat.decimal($0) }
        case "feedback.currency": return input.amount?.currency
        case "feedback.kind": return input.kind.rawValue
        case "feedback.transaction_id": return input.transactionID
        case "feedback.status": return input.status.rawValue
        case "delivery.source": return delivery.sourceID
        case "delivery.recipient": return delivery.recipientID
        case "delivery.click_id": return delivery.clickID
        case "delivery.event_id": return delivery.eventID
        case "delivery.test": return delivery.test ? "true" : "false"
        default:
            if field.hasPrefix("lead.") { return delivery.lead[String(field.dropFirst(5))] }
            if field.hasPrefix("feedback.") { return input.fields[String(field.dropFirst(9))] }
            return nil
        }
    }
}
