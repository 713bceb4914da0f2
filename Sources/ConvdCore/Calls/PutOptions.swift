/// How a Put changes a stored recipient or source: which fields, and against which version.
public struct PutOptions: Sendable, Equatable {
    /// Field paths to change ("name", "feedback.rules", "forwarding.headers"); empty replaces the
    /// whole object. A field not listed keeps its stored value, so a Put that means to change a
    /// URL can never wipe an API key it did not mention.
    public var updateFields: [String]
    /// The `updatedAtMs` the caller last read; 0 does not check. Another is ABORTED.
    public var expectedUpdatedAtMs: Int64

    /// Creates options; the default replaces the whole object without a check.
    public init(updateFields: [String] = [], expectedUpdatedAtMs: Int64 = 0) {
        self.updateFields = updateFields
        self.expectedUpdatedAtMs = expectedUpdatedAtMs
    }

    /// Refuses a stale `expectedUpdatedAtMs`, naming both stamps (a resourceVersion conflict).
    /// - Throws: `aborted` when the stored stamp differs, or when there is nothing stored yet.
    public func checkStamp(stored: Int64?, noun: String, id: String) throws(ConvdError) {
        guard expectedUpdatedAtMs != 0 else { return }
        guard let stored else {
            throw .aborted("\(noun) '\(id)' does not exist, but expected_updated_at_ms \(expectedUpdatedAtMs) was given; read it again")
        }
        if stored != expectedUpdatedAtMs {
            throw .aborted(
                "\(noun) '\(id)' was changed since it was read: stored updated_at_ms is \(stored), expected \(expectedUpdatedAtMs); read it again and retry")
        }
    }

    /// Applies each listed field of `incoming` onto `stored` with `apply`, refusing unknown paths.
    /// - Throws: `invalidArgument` on `update_fields` naming the unknown paths and the known ones.
    func merge<T>(_ stored: T, _ incoming: T, known: [String: (inout T, T) -> Void]) throws(ConvdError) -> T {
        let unknown = updateFields.filter { known[$0] == nil }
        guard unknown.isEmpty else {
            throw .invalid(field: "update_fields",
                           "unknown field \(unknown.map { "'\($0)'" }.joined(separator: ", ")); known: \(known.keys.sorted().joined(separator: ", "))")
        }
        var result = stored
        for path in updateFields { known[path]?(&result, incoming) }
        return result
    }
}

extension Recipient {
    /// `self` (stored) with the fields `options` lists taken from `incoming`; all of `incoming`
    /// when it lists none.
    public func updated(with incoming: Recipient, _ options: PutOptions) throws(ConvdError) -> Recipient {
        guard !options.updateFields.isEmpty else { return incoming }
        return try options.merge(self, incoming, known: [
            "name": { $0.name = $1.name },
            "labels": { $0.labels = $1.labels },
            "feedback": { $0.feedback = $1.feedback },
            "feedback.receive_conversions": { $0.feedback.receiveConversions = $1.feedback.receiveConversions },
            "feedback.receive_returns": { $0.feedback.receiveReturns = $1.feedback.receiveReturns },
            "feedback.return_window_days": { $0.feedback.returnWindowDays = $1.feedback.returnWindowDays },
            "feedback.conversion_types": { $0.feedback.conversionTypes = $1.feedback.conversionTypes },
            "feedback.default_mode": { $0.feedback.defaultMode = $1.feedback.defaultMode },
            "feedback.strict_types": { $0.feedback.defaultMode = $1.feedback.defaultMode },
            "feedback.rules": { $0.feedback.rules = $1.feedback.rules },
            "feedback.allowed_return_reasons": { $0.feedback.allowedReturnReasons = $1.feedback.allowedReturnReasons },
        ])
    }
}

extension Source {
    /// `self` (stored) with the fields `options` lists taken from `incoming`, as for recipients.
    /// A `forwarding.<field>` path on a source without forwarding takes `incoming`'s forwarding.
    public func updated(with incoming: Source, _ options: PutOptions) throws(ConvdError) -> Source {
        guard !options.updateFields.isEmpty else { return incoming }
        func forwarding(_ set: @escaping (inout ForwardingSettings, ForwardingSettings) -> Void) -> (inout Source, Source) -> Void {
            { result, new in
                guard let f = new.forwarding else { return }
                guard var have = result.forwarding else { result.forwarding = f; return }
                set(&have, f)
                result.forwarding = have
            }
        }
        return try options.merge(self, incoming, known: [
            "name": { $0.name = $1.name },
            "labels": { $0.labels = $1.labels },
            "return_cap": { $0.returnCap = $1.returnCap },
            "lead_cost": { $0.leadCost = $1.leadCost },
            "forwarding": { $0.forwarding = $1.forwarding },
            "forwarding.url": forwarding { $0.url = $1.url },
            "forwarding.format": forwarding { $0.format = $1.format },
            "forwarding.conversions": forwarding { $0.conversions = $1.conversions },
            "forwarding.returns": forwarding { $0.returns = $1.returns },
            "forwarding.adjustments": forwarding { $0.adjustments = $1.adjustments },
            "forwarding.field_mapping": forwarding { $0.fieldMapping = $1.fieldMapping },
            "forwarding.headers": forwarding { $0.headers = $1.headers },
            "forwarding.timeout_ms": forwarding { $0.timeoutMs = $1.timeoutMs },
            "forwarding.max_attempts": forwarding { $0.maxAttempts = $1.maxAttempts },
            "forwarding.success_body_contains": forwarding { $0.successBodyContains = $1.successBodyContains },
        ])
    }
}
