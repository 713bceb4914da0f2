import ConvdCore
import Testing

/// The four modes and the checks before them, through the pure policy.
struct ConversionModeTests {
    static let now: Int64 = 1_800_000_000_000
    static let delivery = Delivery(eventID: "E1", recipientID: "crm-1", sourceID: "v-1", clickID: "click-1", deliveredAtMs: now - 1000)

    static func context(_ existing: Conversion? = nil, slot: Int? = 0, recipient: Recipient = Recipient(id: "crm-1"),
                        hasReturn: Bool = false, delivery: Delivery = delivery) -> FeedbackContext {
        FeedbackContext(delivery: delivery, recipient: recipient, existing: existing, existingSlot: slot, hasReturn: hasReturn,
                        newConversionID: "cv-new")
    }

    static func conversion(_ type: String, _ minor: Int64? = nil, _ currency: String = "EUR", reason: String = "",
                           occurredAt: Int64 = now) -> FeedbackInput {
        FeedbackInput(target: .eventID("E1"), kind: .conversion, conversionType: type, reason: reason,
                      amount: minor.map { Money(amountMinor: $0, currency: currency) }, occurredAtMs: occurredAt)
    }

    /// Applies a decision the way the store does, for chaining.
    static func apply(_ d: FeedbackDecision) -> Conversion? {
        switch d {
        case .create(let c, _), .update(let c), .increment(let c, _), .duplicate(let c, _), .stale(let c, _): c
        default: nil
        }
    }

    @Test func wonClientUnderIncrementSumsAndCountsPostbacks() throws {
        let first = try FeedbackPolicy.decide(Self.conversion("WonClient", 100_000), context: Self.context(), nowMs: Self.now)
        guard case .create(let c1, slot: 0) = first else { Issue.record("\(first)"); return }
        let second = try FeedbackPolicy.decide(Self.conversion("wonclient", 200_000), context: Self.context(c1), nowMs: Self.now + 1)
        guard case .increment(let c2, let instalment) = second else { Issue.record("\(second)"); return }
        #expect(instalment.amount == Money(amountMinor: 200_000, currency: "EUR"))
        #expect(instalment.number == 2 && instalment.version == 2 && instalment.status == .approved)
        #expect(c2.amount == Money(amountMinor: 300_000, currency: "EUR"))
        #expect(c2.approvedAmount == Money(amountMinor: 300_000, currency: "EUR") && c2.pendingAmount == nil)
        #expect(c2.postbackCount == 2)
        #expect(c2.version == 2)
        #expect(c2.id == c1.id)
        #expect(c2.conversionType == "WonClient")
    }

    @Test func incrementInAnotherCurrencyIsRefused() throws {
        let c1 = Self.apply(try FeedbackPolicy.decide(Self.conversion("WonClient", 100), context: Self.context(), nowMs: Self.now))
        #expect(throws: ConvdError.failedPrecondition("conversion cv-new is in EUR; an INCREMENT in USD is never summed")) {
            try FeedbackPolicy.decide(Self.conversion("WonClient", 100, "USD"), context: Self.context(c1), nowMs: Self.now)
        }
    }

    @Test func fakeLeadTwiceUnderIgnoreDuplicatesIsOneConversion() throws {
        let c1 = Self.apply(try FeedbackPolicy.decide(Self.conversion("FakeLead"), context: Self.context(), nowMs: Self.now))
        let second = try FeedbackPolicy.decide(Self.conversion("FakeLead"), context: Self.context(c1), nowMs: Self.now + 5)
        #expect(second.outcome == .duplicateIgnored)
        #expect(Self.apply(second) == c1)
    }

    @Test func ignoreDuplicatesWindowAllowsANewConversionAfterIt() throws {
        var recipient = Recipient(id: "crm-1")
        recipient.feedback.conversionTypes = [.init(name: "FakeLead", mode: .ignoreDuplicates, duplicateWindowSeconds: 60)]
        let c1 = Self.apply(try FeedbackPolicy.decide(Self.conversion("FakeLead"), context: Self.context(recipient: recipient), nowMs: Self.now))
        #expect(try FeedbackPolicy.decide(Self.conversion("FakeLead"), context: Self.context(c1, recipient: recipient),
                                          nowMs: Self.now + 59_999).outcome == .duplicateIgnored)
        let after = try FeedbackPolicy.decide(Self.conversion("FakeLead"), context: Self.context(c1, slot: 0, recipient: recipient),
                                              nowMs: Self.now + 60_000)
        guard case .create(_, slot: 1) = after else { Issue.record("\(after)"); return }
    }

    @Test func qualifiedLeadUpdatedKeepsOneConversionAtVersionTwo() throws {
        let c1 = Self.apply(try FeedbackPolicy.decide(Self.conversion("QualifiedLead", 500, reason: "first"), context: Self.context(), nowMs: Self.now))!
        let second = try FeedbackPolicy.decide(Self.conversion("QualifiedLead", 700, reason: "second", occurredAt: Self.now + 10),
                                               context: Self.context(c1), nowMs: Self.now + 10)
        guard case .update(let c2) = second else { Issue.record("\(second)"); return }
        #expect(c2.id == c1.id)
        #expect(c2.version == 2)
        #expect(c2.reason == "second")
        #expect(c2.amount?.amountMinor == 700)
        #expect(c2.createdAtMs == c1.createdAtMs)
        // Older than the current version: stale, nothing changes.
        let stale = try FeedbackPolicy.decide(Self.conversion("QualifiedLead", 1, occurredAt: Self.now + 5), context: Self.context(c2), nowMs: Self.now + 20)
        #expect(stale.outcome == .staleIgnored)
        #expect(Self.apply(stale) == c2)
    }

    @Test func salesCallScheduledTwiceUnderCreateNewGivesTwo() throws {
        let c1 = Self.apply(try FeedbackPolicy.decide(Self.conversion("SalesCallScheduled"), context: Self.context(), nowMs: Self.now))
        let second = try FeedbackPolicy.decide(Self.conversion("SalesCallScheduled"), context: Self.context(c1), nowMs: Self.now)
        guard case .create(_, slot: nil) = second else { Issue.record("\(second)"); return }
    }

    @Test func strictTypesRefuseUnknownTypesAndDefaultModeCoversThem() throws {
        var strict = Recipient(id: "crm-1")
        strict.feedback.defaultMode = nil
        #expect(throws: ConvdError.self) {
            try FeedbackPolicy.decide(Self.conversion("Mystery"), context: Self.context(recipient: strict), nowMs: Self.now)
        }
        let lenient = try FeedbackPolicy.decide(Self.conversion("Mystery"), context: Self.context(), nowMs: Self.now)
        guard case .create(let c, slot: nil) = lenient else { Issue.record("\(lenient)"); return }
        #expect(c.mode == .createNew)
    }

    @Test func settingsOffAreFailedPreconditionNamingTheRecipient() {
        var r = Recipient(id: "crm-1")
        r.feedback.receiveConversions = false
        r.feedback.receiveReturns = false
        #expect(throws: ConvdError.failedPrecondition("conversion feedback is not enabled for recipient crm-1")) {
            try FeedbackPolicy.decide(Self.conversion("Lead"), context: Self.context(recipient: r), nowMs: Self.now)
        }
        #expect(throws: ConvdError.failedPrecondition("return feedback is not enabled for recipient crm-1")) {
            try FeedbackPolicy.decide(FeedbackInput(target: .eventID("E1"), kind: .return), context: Self.context(recipient: r), nowMs: Self.now)
        }
    }

    @Test func returnsOncePerDeliveryWithinTheWindowAndAllowedReasons() throws {
        let ret = FeedbackInput(target: .eventID("E1"), kind: .return, reason: "Duplicate")
        #expect(try FeedbackPolicy.decide(ret, context: Self.context(), nowMs: Self.now) == .recordReturn)
        #expect(try FeedbackPolicy.decide(ret, context: Self.context(hasReturn: true), nowMs: Self.now).outcome == .duplicateIgnored)
        let old = Delivery(eventID: "E1", recipientID: "crm-1", sourceID: "v-1", deliveredAtMs: Self.now - 31 * 86_400_000)
        #expect(throws: ConvdError.failedPrecondition("return for delivery E1 is past recipient crm-1's 30-day return window")) {
            try FeedbackPolicy.decide(ret, context: Self.context(delivery: old), nowMs: Self.now)
        }
        var r = Recipient(id: "crm-1")
        r.feedback.allowedReturnReasons = ["Wrong number", "Duplicate"]
        #expect(try FeedbackPolicy.decide(ret, context: Self.context(recipient: r), nowMs: Self.now) == .recordReturn)
        do {
            _ = try FeedbackPolicy.decide(FeedbackInput(target: .eventID("E1"), kind: .return, reason: "Meh"),
                                          context: Self.context(recipient: r), nowMs: Self.now)
            Issue.record("expected refusal")
        } catch {
            #expect(error.message.contains("allowed: Wrong number, Duplicate"))
        }
    }

    @Test func aFailingRuleRejectsWithTheRuleInWords() throws {
        var r = Recipient(id: "crm-1")
        r.feedback.rules = RuleSet(match: .all, nodes: [
            .rule(Rule(field: "feedback.reason", op: .isIn, values: ["Sale Completed", "Appointment Scheduled"])),
        ])
        let d = try FeedbackPolicy.decide(Self.conversion("Lead", reason: "Maybe later"), context: Self.context(recipient: r), nowMs: Self.now)
        #expect(d == .rejected(detail: "feedback.reason is \"Maybe later\", which fails \"is included in [Sale Completed, Appointment Scheduled]\""))
        #expect(try FeedbackPolicy.decide(Self.conversion("Lead", reason: "sale completed"), context: Self.context(recipient: r),
                                          nowMs: Self.now).outcome == .created)
    }

    @Test func statusMoves() {
        #expect(ConversionStatus.pending.canMove(to: .approved))
        #expect(ConversionStatus.approved.canMove(to: .rejected))
        #expect(ConversionStatus.rejected.canMove(to: .retracted))
        #expect(!ConversionStatus.approved.canMove(to: .pending))
        #expect(!ConversionStatus.rejected.canMove(to: .approved))
        #expect(!ConversionStatus.retracted.canMove(to: .approved))
    }

    @Test(arguments: [("1000.00", "EUR", Int64(100_000)), ("0.5", "USD", 50), ("1000", "JPY", 1000), ("1.234", "KWD", 1234), ("-2.5", "EUR", -250)])
    func decimalAmountsConvertExactly(text: String, currency: String, minor: Int64) throws {
        #expect(try MoneyFormat.minorUnits(text, currency: currency) == minor)
        #expect(try MoneyFormat.minorUnits(MoneyFormat.decimal(Money(amountMinor: minor, currency: currency)), currency: currency) == minor)
    }

    @Test func tooManyDecimalsOrJunkAreRefused() {
        #expect(throws: ConvdError.self) { try MoneyFormat.minorUnits("1.005", currency: "EUR") }
        #expect(throws: ConvdError.self) { try MoneyFormat.minorUnits("1.5", currency: "JPY") }
        #expect(throws: ConvdError.self) { try MoneyFormat.minorUnits("1e3", currency: "EUR") }
        #expect(MoneyFormat.decimal(Money(amountMinor: 5, currency: "EUR")) == "0.05")
    }

    @Test func timeSortableIDsSortByTime() {
        var g = SystemRandomNumberGenerator()
        let a = TimeSortableID.make(ms: 1_000, using: &g), b = TimeSortableID.make(ms: 1_001, using: &g)
        #expect(a.count == 26 && b.count == 26)
        #expect(a < b)
        #expect(TimeSortableID.make(ms: 1_000, using: &g) != a)
    }
}
