import ConvdCore
import GRDB

extension SQLiteStorage {
    /// Evaluates the recipients' rule sets for `inputs` before the writer sees them: a costly rule
    /// then delays only its own call, never the single writer that every other write waits on.
    /// The inputs are read on a WAL reader and evaluated on `RuleEvaluationQueue`, not inside the
    /// read: a GRDB reader is a serial queue that other calls' tasks also resume on, and seconds of
    /// rules there held their replies back (`convd-bench isolation`: p50 1.1 s behind them). Skipped (all nil) while no recipient has rules, so the common path pays no
    /// extra read. A verdict the writer finds stale (the recipient changed since) is re-evaluated there.
    func ruleVerdicts(for inputs: [FeedbackInput]) async throws(ConvdError) -> [RuleVerdict?] {
        guard try await rulesInUse() else { return Array(repeating: nil, count: inputs.count) }
        let recipients = recipientCache
        let subjects = try await read("reading rules' inputs") { db in
            try inputs.map { input -> (FeedbackInput, Delivery, Recipient)? in
                guard let delivery = try DeliveryRecord.find(input.target, in: db),
                      let recipient = try recipients.value(delivery.recipientID, in: db),
                      recipient.feedback.rules != nil
                else { return nil }
                return (input, delivery, recipient)
            }
        }
        return await RuleEvaluationQueue.shared.run {
            subjects.map { subject in
                subject.map { input, delivery, recipient in
                    RuleVerdict(eventID: delivery.eventID, recipientStamp: recipient.updatedAtMs,
                                failure: FeedbackPolicy.ruleFailure(input, delivery: delivery, recipient: recipient))
                }
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
