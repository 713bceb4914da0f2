import ConvdCore
import ConvdProto
import Foundation

/// The text form of a feedback report, as CRMs send it: the query and body of a webhook (JSON, XML
/// or form) or a CSV row. LeadConduit's names (`type=conversion|return`, `reason`) and convd's own
/// (`conversion_type`, `amount` with `currency`, `transaction_id`, `status`, `occurred_at`); any
/// other name is an extra field, kept for rules and forwarding. One mapping for the HTTP listener
/// and `convctl feedback import`, so a field means the same wherever it arrives.
public enum FeedbackFields {
    /// The names that are not extra fields.
    public static let known: Set<String> = ["event_id", "click_id", "recipient", "type", "reason", "conversion_type", "amount",
                                            "currency", "transaction_id", "status", "occurred_at"]

    /// The report `fields` describe (names are matched case-insensitively; empty values are absent).
    /// - Throws: `ConvdError.invalidArgument` naming every field that is wrong.
    public static func report(_ fields: [String: String]) throws(ConvdError) -> Convd_V1_FeedbackReport {
        var f: [String: String] = [:]
        for (name, value) in fields {
            let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !v.isEmpty { f[name.lowercased()] = v }
        }
        var problems = ViolationCollector()
        var r = Convd_V1_FeedbackReport()
        if let event = f["event_id"] {
            r.eventID = event
        } else if let click = f["click_id"], let recipient = f["recipient"] {
            r.click = .with { $0.clickID = click; $0.recipientID = recipient }
        } else {
            problems.add("event_id", "required (or click_id with recipient): which delivered lead this is about")
        }
        switch f["type"]?.lowercased() {
        case "conversion": r.kind = .conversion
        case "return": r.kind = .return
        case nil: problems.add("type", "required: conversion or return")
        case let other?: problems.add("type", "'\(other)' is neither conversion nor return")
        }
        r.reason = f["reason"] ?? ""
        r.conversionType = f["conversion_type"] ?? ""
        r.transactionID = f["transaction_id"] ?? ""
        switch (f["amount"], f["currency"]) {
        case (let amount?, let currency?):
            do {
                r.amount = .with { $0.amountMinor = 0; $0.currency = currency.uppercased() }
                r.amount.amountMinor = try MoneyFormat.minorUnits(amount, currency: currency.uppercased())
            } catch {
                if case .invalidArgument(_, let v) = error, let first = v.first { problems.add("amount", first.description) } else {
                    problems.add("amount", error.message)
                }
            }
        case (.some, nil): problems.add("currency", "required with amount (an ISO 4217 code, e.g. USD)")
        case (nil, .some): problems.add("amount", "required with currency (a decimal amount, e.g. 12.50)")
        case (nil, nil): break
        }
        switch f["status"]?.lowercased() {
        case nil, "approved": r.status = f["status"] == nil ? .unspecified : .approved
        case "pending": r.status = .pending
        case "rejected": r.status = .rejected
        case let other?: problems.add("status", "'\(other)' is not approved, pending or rejected")
        }
        if let at = f["occurred_at"] {
            if let ms = time(at) { r.occurredAtMs = ms } else {
                problems.add("occurred_at", "'\(at)' is neither an ISO 8601 time (2026-11-23T10:00:00Z) nor Unix milliseconds")
            }
        }
        for (name, value) in f where !known.contains(name) { r.fields[name] = value }
        try problems.throwIfAny()
        return r
    }

    /// Unix ms of an ISO 8601 time (with or without fractional seconds) or of a plain number of ms.
    public static func time(_ text: String) -> Int64? {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int64(text) }  // no-trap: parses text
        let plain = ISO8601DateFormatter(), fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
        return Int64(exactly: (date.timeIntervalSince1970 * 1000).rounded())
    }
}
