import ConvdProto
import Foundation

/// Which deliveries the growth bench's feedbacks name, and their transaction IDs.
///
/// By default every feedback names one of the 1,000 seeded deliveries (`E<i % 1000>`), so each
/// lead takes thousands of conversions and a batch of 1,000 lands on 1,000 places in every index
/// keyed by delivery: the worst case for a B-tree, and one that worsens as those places spread out.
/// `fresh` is what a lead-distribution platform sends instead: each feedback on its own delivery,
/// recorded just before it, with an event ID that grows with time (as LeadConduit's do), so a
/// batch's index entries sit together at the recent end whatever the table's size.
struct GrowthTraffic: Sendable {
    /// Each feedback on its own delivery, recorded before the feedback (untimed).
    let fresh: Bool
    /// Transaction IDs spread over the key space (see `transactionID`).
    let scattered: Bool

    /// Deliveries every daemon is seeded with (`E0`...): the default traffic's, and the Record
    /// bursts'.
    static let seededDeliveries = 1_000

    /// The recipient of delivery `i` (and of feedback `i`): one in ten to crm-2, so that a list by
    /// recipient is selective.
    static func recipient(_ i: Int) -> String { i % 10 == 0 ? "crm-2" : "crm-1" }

    /// The delivery feedback `i` names.
    func eventID(_ i: Int) -> String {
        // Zero-padded, so that the IDs sort as their numbers do.
        fresh ? String(format: "F%012ld", i) : "E\(i % Self.seededDeliveries)"
    }

    /// Feedback `i`: a Lead conversion of 10.00 EUR with transaction ID `transactionID(i)`.
    func feedback(_ i: Int) -> Convd_V1_FeedbackReport {
        var f = BenchDaemon.lead(0)
        f.eventID = eventID(i)
        f.transactionID = transactionID(i)
        return f
    }

    /// Feedback `i`'s transaction ID: `T<i>`, or (scattered) a multiplicative hash of `i` in hex,
    /// spread over the key space like random IDs yet computable again for the Adjust probe.
    func transactionID(_ i: Int) -> String {
        scattered ? "T" + String(UInt64(truncatingIfNeeded: i) &* 0x9E37_79B9_7F4A_7C15, radix: 16) : "T\(i)"
    }

    /// Records the deliveries feedbacks `from..<from+count` will name (nothing unless `fresh`),
    /// over 16 connections, one call in flight each.
    func prepare(socket: String, from first: Int, count: Int) async throws {
        guard fresh else { return }
        try await SocketLoad.shared(socket: socket, connections: 16, range: first..<first + count, chunk: 1) { c, run in
            for i in run { _ = try await c.recordDelivery(BenchDaemon.delivery(eventID(i), to: Self.recipient(i))) }
        }
    }
}
