/// The SQL of the hourly stats aggregates (`stats_bucket`): the triggers that keep them in the same
/// transaction as every write to the tables they summarise, and the raw query that computes the
/// same rows from those tables (for the edges of a time range, the migration that fills the table,
/// and the test that checks one against the other). Both are written from one list of what each
/// row contributes, so they cannot drift apart.
enum StatsBucketSQL {
    static let hourMs: Int64 = 3_600_000
    static let keys = ["bucket_ms", "recipient_id", "source_id", "conversion_type", "type_key", "status", "test", "currency"]
    static let counters = ["deliveries", "converted_any", "converted", "cost", "cost_n", "credits", "credit_n", "returns",
                           "conversions", "flagged", "approved", "approved_n", "pending", "pending_n", "rejected_feedback"]

    static let createTable = """
        CREATE TABLE stats_bucket (
          bucket_ms INTEGER NOT NULL, recipient_id TEXT NOT NULL, source_id TEXT NOT NULL, conversion_type TEXT NOT NULL,
          type_key TEXT NOT NULL, status TEXT NOT NULL, test INTEGER NOT NULL, currency TEXT NOT NULL,
          \(counters.map { "\($0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ", ")),
          PRIMARY KEY (\(keys.joined(separator: ", ")))
        ) STRICT, WITHOUT ROWID
        """

    /// One kind of contribution: its key expressions, counter expressions, source rows and condition,
    /// all in terms of a row alias (`NEW`, `OLD`, or a table in the raw query).
    struct Contribution {
        var keys: [String]
        var counters: [String: String]
        var from: String?
        var condition: String
    }

    static func bucket(_ time: String, _ granularity: Int64) -> String { "\(time) / \(granularity) * \(granularity)" }

    /// Whether conversion `x` counts: not of a negative type, not rejected or retracted.
    /// 1 when `condition` holds, else 0: a count both SQLite and PostgreSQL sum (PostgreSQL
    /// does not sum booleans).
    static func flag(_ condition: String) -> String { "CASE WHEN \(condition) THEN 1 ELSE 0 END" }

    static func counted(_ x: String) -> String { "\(x).negative = 0 AND \(x).status IN ('APPROVED', 'PENDING')" }

    /// A conversion row `x`: its status, counts and values at its creation time.
    static func conversion(_ x: String, _ g: Int64 = hourMs) -> Contribution {
        let valued = "\(x).negative = 0 AND \(x).status IN ('APPROVED', 'PENDING') AND \(x).currency IS NOT NULL"
        return Contribution(
            keys: [bucket("\(x).created_at_ms", g), "\(x).recipient_id", "\(x).source_id", "\(x).conversion_type", "\(x).type_key",
                   "\(x).status", "\(x).test", "coalesce(\(x).currency, '')"],
            counters: [
                "conversions": flag("\(x).negative = 0"), "flagged": flag("\(x).negative <> 0"),
                "approved": "CASE WHEN \(valued) THEN coalesce(\(x).approved_minor, 0) ELSE 0 END",
                "approved_n": flag("\(valued) AND \(x).approved_minor IS NOT NULL"),
                "pending": "CASE WHEN \(valued) THEN coalesce(\(x).pending_minor, 0) ELSE 0 END",
                "pending_n": flag("\(valued) AND \(x).pending_minor IS NOT NULL"),
            ],
            from: nil, condition: "TRUE")
    }

    /// The delivery of conversion `x`, when `x` is the only counted conversion of it (of its type,
    /// with `byType`): the delivery converts or stops converting with `x`.
    static func convertedBy(_ x: String, byType: Bool) -> Contribution {
        let sameType = byType ? " AND c.conversion_type = \(x).conversion_type" : ""
        return Contribution(
            keys: [bucket("d.delivered_at_ms", hourMs), "d.recipient_id", "d.source_id", byType ? "\(x).conversion_type" : "''",
                   byType ? "\(x).type_key" : "''", "''", "d.test", "''"],
            counters: [byType ? "converted" : "converted_any": "1"],
            from: "delivery d",
            condition: """
                d.event_id = \(x).event_id AND \(counted(x))
                AND NOT EXISTS (SELECT 1 FROM conversion c WHERE c.event_id = \(x).event_id AND c.seq <> \(x).seq AND \(counted("c"))\(sameType))
                """)
    }

    /// A delivery `x` counted once, at its delivery time.
    static func delivery(_ x: String, _ g: Int64 = hourMs) -> Contribution {
        Contribution(keys: [bucket("\(x).delivered_at_ms", g), "\(x).recipient_id", "\(x).source_id", "''", "''", "''", "\(x).test", "''"],
                     counters: ["deliveries": "1"], from: nil, condition: "TRUE")
    }

    /// The cost of delivery `x`, in its currency.
    static func cost(_ x: String, _ g: Int64 = hourMs) -> Contribution {
        Contribution(keys: [bucket("\(x).delivered_at_ms", g), "\(x).recipient_id", "\(x).source_id", "''", "''", "''", "\(x).test", "\(x).cost_currency"],
                     counters: ["cost": "\(x).cost_minor", "cost_n": "1"], from: nil, condition: "\(x).cost_minor IS NOT NULL")
    }

    /// A return `r` that stands, at its return time.
    static func returned(_ r: String, _ g: Int64 = hourMs) -> Contribution {
        Contribution(keys: [bucket("\(r).returned_at_ms", g), "\(r).recipient_id", "\(r).source_id", "''", "''", "''", "\(r).test", "''"],
                     counters: ["returns": "1"], from: nil, condition: "\(r).retracted_at_ms = 0")
    }

    /// The credit of return `r` (its delivery `d`'s cost) while it stands.
    static func credit(_ r: String, _ d: String, _ g: Int64 = hourMs) -> Contribution {
        Contribution(keys: [bucket("\(r).returned_at_ms", g), "\(r).recipient_id", "\(r).source_id", "''", "''", "''", "\(r).test", "\(d).cost_currency"],
                     counters: ["credits": "\(d).cost_minor", "credit_n": "1"], from: nil,
                     condition: "\(r).retracted_at_ms = 0 AND \(d).cost_minor IS NOT NULL")
    }

    /// A feedback event `x` refused by a rule set, at its receipt.
    static func rejectedFeedback(_ x: String, _ g: Int64 = hourMs) -> Contribution {
        Contribution(keys: [bucket("\(x).received_at_ms", g), "\(x).recipient_id", "\(x).source_id", "''", "''", "''", "\(x).test", "''"],
                     counters: ["rejected_feedback": "1"], from: nil, condition: "\(x).outcome = 'REJECTED'")
    }

    /// An upsert adding `sign` times contribution `c` to its bucket.
    static func apply(_ c: Contribution, sign: Int) -> String { upsert(into: "stats_bucket", keys: keys, c, sign: sign) }

    /// An upsert adding `sign` times `c` to the row of `table` its keys name.
    static func upsert(into table: String, keys: [String], _ c: Contribution, sign: Int) -> String {
        let names = c.counters.keys.sorted()
        return append(into: table, keys: keys, c, sign: sign).dropLast()
            + "\nON CONFLICT DO UPDATE SET \(names.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "));"
    }

    /// An insert of `sign` times `c` as a row of its own (PostgreSQL's delta rows).
    static func append(into table: String, keys: [String], _ c: Contribution, sign: Int) -> String {
        let names = c.counters.keys.sorted()
        let values = names.map { sign == 1 ? c.counters[$0] ?? "0" : "-(\(c.counters[$0] ?? "0"))" }
        return """
            INSERT INTO \(table) (\((keys + names).joined(separator: ", ")))
            SELECT \((c.keys + values).joined(separator: ", "))\(c.from.map { " FROM \($0)" } ?? "") WHERE \(c.condition);
            """
    }

    static func change(_ c: (String) -> Contribution) -> String { apply(c("OLD"), sign: -1) + "\n" + apply(c("NEW"), sign: 1) }

    /// The triggers that keep `stats_bucket` equal to the raw query over the tables.
    static var triggers: String {
        let conversionColumns = "status, negative, approved_minor, pending_minor, currency, conversion_type, type_key, created_at_ms, test, recipient_id, source_id, event_id"
        let all: [(String, String)] = [
            ("stats_conversion_insert", "AFTER INSERT ON conversion BEGIN\n"
                + [conversion("NEW"), convertedBy("NEW", byType: false), convertedBy("NEW", byType: true)].map { apply($0, sign: 1) }.joined(separator: "\n")),
            ("stats_conversion_update", "AFTER UPDATE OF \(conversionColumns) ON conversion BEGIN\n"
                + [change { conversion($0) }, change { convertedBy($0, byType: false) }, change { convertedBy($0, byType: true) }].joined(separator: "\n")),
            ("stats_delivery_insert", "AFTER INSERT ON delivery BEGIN\n" + apply(delivery("NEW"), sign: 1) + "\n" + apply(cost("NEW"), sign: 1)),
            ("stats_delivery_cost", "AFTER UPDATE OF cost_minor, cost_currency ON delivery BEGIN\n" + change { cost($0) } + "\n"
                + apply(credit("r", "OLD").from("delivery_return r", "r.event_id = OLD.event_id"), sign: -1) + "\n"
                + apply(credit("r", "NEW").from("delivery_return r", "r.event_id = NEW.event_id"), sign: 1)),
            ("stats_return_insert", "AFTER INSERT ON delivery_return BEGIN\n" + apply(returned("NEW"), sign: 1) + "\n"
                + apply(credit("NEW", "d").from("delivery d", "d.event_id = NEW.event_id"), sign: 1)),
            ("stats_return_update", "AFTER UPDATE OF retracted_at_ms, returned_at_ms, recipient_id, source_id, test ON delivery_return BEGIN\n"
                + change { returned($0) } + "\n"
                + apply(credit("OLD", "d").from("delivery d", "d.event_id = OLD.event_id"), sign: -1) + "\n"
                + apply(credit("NEW", "d").from("delivery d", "d.event_id = NEW.event_id"), sign: 1)),
            ("stats_event_insert", "AFTER INSERT ON feedback_event BEGIN\n" + apply(rejectedFeedback("NEW"), sign: 1)),
            ("stats_event_update", "AFTER UPDATE OF outcome ON feedback_event BEGIN\n" + change { rejectedFeedback($0) }),
        ]
        return all.map { "CREATE TRIGGER \($0.0) \($0.1)\nEND;" }.joined(separator: "\n")
    }
}

extension StatsBucketSQL.Contribution {
    /// The same contribution read from `table`, joined by `on`.
    func from(_ table: String, _ on: String) -> Self {
        var c = self
        c.from = table
        c.condition = "\(on) AND \(condition)"
        return c
    }
}

extension StatsBucketSQL {
    /// A row trigger: its name, when it fires (`AFTER INSERT ON delivery`), and the statements it
    /// runs, in terms of `NEW` and `OLD`.
    struct Trigger {
        var name: String
        var event: String
        /// PostgreSQL only: the rows (`NEW`, `OLD`) whose source's close lock the trigger takes
        /// shared before its statements run.
        var locks: [String] = []
        var statements: [String]

        /// SQLite's `CREATE TRIGGER`.
        var sqlite: String { "CREATE TRIGGER \(name) \(event) BEGIN\n\(statements.joined(separator: "\n"))\nEND;" }

        /// PostgreSQL's: a PL/pgSQL function running the statements, and the trigger calling it.
        var postgres: [String] {
            ["""
             CREATE FUNCTION \(name)_fn() RETURNS trigger LANGUAGE plpgsql AS $body$
             BEGIN
             \(locks.map { "PERFORM pg_advisory_xact_lock_shared(hashtextextended('convd-close:' || \($0).source_id, 0));" }.joined(separator: "\n"))
             \(statements.joined(separator: "\n"))
             RETURN NULL;
             END
             $body$
             """,
             "CREATE TRIGGER \(name) \(event) FOR EACH ROW EXECUTE FUNCTION \(name)_fn()"]
        }
    }
}
