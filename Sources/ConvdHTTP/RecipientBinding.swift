import ConvdCore
import ConvdProto
import ConvdServer
import ConvdWire

/// Holds a token bound to one recipient to that recipient's deliveries: its click references
/// default to that recipient and may name no other, and a report by event ID must be about a
/// lead delivered to it. An unbound token passes everything through.
struct RecipientBinding: Sendable {
    let caller: InProcessCaller
    let token: HTTPToken

    /// Names the bound recipient for a click reference that names none.
    func fill(_ fields: inout [String: String]) {
        if let bound = token.recipientID, fields["click_id"] != nil, (fields["recipient"] ?? "").isEmpty { fields["recipient"] = bound }
    }

    /// The lead `report` is about when the token is bound and the report names it by event ID.
    /// - Throws: `StatusError` PERMISSION_DENIED naming both recipients, or the lookup's error.
    func check(_ report: Convd_V1_FeedbackReport) async throws(StatusError) -> Convd_V1_Delivery? {
        guard let bound = token.recipientID else { return nil }
        if case .click(let click)? = report.target {
            guard click.recipientID == bound else {
                throw StatusError(.permissionDenied, "token '\(token.name)' reports only for recipient '\(bound)', not '\(click.recipientID)'")
            }
            return nil
        }
        let lead = try await delivery(report.eventID)
        guard lead.recipientID == bound else {
            throw StatusError(.permissionDenied, "token '\(token.name)' reports only for recipient '\(bound)'; \(report.eventID) was delivered to '\(lead.recipientID)'")
        }
        return lead
    }

    /// The delivery `eventID`, read as the token.
    func delivery(_ eventID: String) async throws(StatusError) -> Convd_V1_Delivery {
        var get = Convd_V1_GetDeliveryRequest()
        get.eventID = eventID
        return try await caller.call(MethodName(service: "Deliveries", method: "Get"), get, as: Convd_V1_GetDeliveryResponse.self, role: token.role,
                                     principal: "http-token:\(token.name)").delivery
    }
}
