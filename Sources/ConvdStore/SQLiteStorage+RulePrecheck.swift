import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Evaluates the recipients' rule sets for `inputs` on a WAL reader, before the writer sees
    /// them: a costly rule then delays only its own call, never the single writer that every other
    /// write waits on. Skipped (all nil) while no recipient has rules, so the common path pays no
    /// extra read. A verdict the writer finds stale (the recipient changed since) is re-evaluated there.
    func ruleVerdicts(for inputs: [FeedbackInput]) async throws(ConvdError) -> [RuleVerdict?] {
        guard try await rulesInUse() else { return Array(repeating: nil, count: inputs.count) }
        let recipients = recipientCache
        return try await read("evaluating rules") { db in
            try inputs.map { input -> RuleVerdict? in
                guard let delivery = try DeliveryRecord.find(input.target, in: db),
                      let recipient = try recipients.value(delivery.recipientID, in: db),
                      recipient.feedback.rules != nil
                else { return nil }
                return RuleVerdict(eventID: delivery.eventID, recipientStamp: recipient.updatedAtMs,
                                   failure: FeedbackPolicy.ruleFailure(input, delivery: delivery, recipient: recipient))
            }
        }
    }

    /// Whether any recipient has rule sets: read once, then kept true by every Put that sets rules.
    /// It never goes back to false while running, which only costs a precheck read, never a rule.
    func rulesInUse() async throws(ConvdError) -> Bool {
        if let known = rulesFlag.withLock({ $0 }) { return known }
        let any = try await read("reading recipients") { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM recipient WHERE json_extract(settings, '$.rules') IS NOT NULL)") ?? true
        }
        rulesFlag.withLock { if $0 != true { $0 = any } }
        return any
    }

    /// Called by Recipient Put: a recipient with rules switches the precheck on.
    func noteRules(of recipient: Recipient) {
        if recipient.feedback.rules != nil { rulesFlag.withLock { $0 = true } }
    }
}
