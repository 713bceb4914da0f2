/// One INCREMENT postback (an invoice, a recurring payment) kept under its conversion, so an
/// adjustment by its transaction ID acts on it alone.
public struct Instalment: Sendable, Equatable, Codable {
    /// 1 for the conversion's first postback.
    public var number: Int
    /// The CRM's invoice or order number; empty when none was sent.
    public var transactionID: String
    /// Nil when the postback carried no amount.
    public var amount: Money?
    /// Where this instalment stands (each moves on its own).
    public var status: ConversionStatus
    /// When it happened in the CRM.
    public var occurredAtMs: Int64
    /// When convd recorded it.
    public var recordedAtMs: Int64
    /// The conversion's version that last changed it.
    public var version: Int

    /// Creates an instalment.
    public init(number: Int, transactionID: String, amount: Money?, status: ConversionStatus, occurredAtMs: Int64,
                recordedAtMs: Int64, version: Int) {
        self.number = number
        self.transactionID = transactionID
        self.amount = amount
        self.status = status
        self.occurredAtMs = occurredAtMs
        self.recordedAtMs = recordedAtMs
        self.version = version
    }
}
