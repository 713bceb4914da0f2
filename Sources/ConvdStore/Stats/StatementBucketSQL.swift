/// The SQL of the statement aggregates (`statement_bucket`): per source, 15-minute bucket of lead
/// delivery, close count at write time, section, label and currency, the count and amounts a
/// vendor statement sums. 15 minutes because every time zone offset in use is a multiple of it,
/// so a month boundary in any zone is a bucket edge. Triggers keep it in the write's transaction;
/// the raw query recomputes it (every close count folded to 0) for the migration and the test.
/// Test deliveries never reach a statement.
enum StatementBucketSQL {
    static let bucketMs: Int64 = 900_000
    static let keys = ["source_id", "bucket_ms", "epoch", "section", "label", "currency"]
    static let counters = ["count", "amount", "amount_n", "pending", "pending_n"]

    static let createTable = """
        CREATE TABLE statement_bucket (
          source_id TEXT NOT NULL, bucket_ms INTEGER NOT NULL, epoch INTEGER NOT NULL, section TEXT NOT NULL, label TEXT NOT NULL,
          currency TEXT NOT NULL, \(counters.map { "\($0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ", ")),
          PRIMARY KEY (\(keys.joined(separator: ", ")))
        ) STRICT, WITHOUT ROWID
        """

    /// The close count of delivery `d`'s source now (0 in the raw recompute).
    /// The source's close count when the row is written (0 in the raw query).
    static func epoch(_ d: String, raw: Bool) -> String { raw ? "0" : "(SELECT close_epoch FROM source WHERE id = \(d).source_id)" }

    static func bucket(_ d: String) -> String { "\(d).delivered_at_ms / \(bucketMs) * \(bucketMs)" }

    /// Delivery `d` as a lead with its cost.
    static func lead(_ d: String, raw: Bool = false) -> StatsBucketSQL.Contribution {
        StatsBucketSQL.Contribution(
            keys: ["\(d).source_id", bucket(d), epoch(d, raw: raw), "'LEADS'", "''", "coalesce(\(d).cost_currency, '')"],
            counters: ["count": "1", "amount": "coalesce(\(d).cost_minor, 0)", "amount_n": StatsBucketSQL.flag("\(d).cost_minor IS NOT NULL")],
            from: nil, condition: "\(d).test = 0")
    }

    /// Return `r` of delivery `d`, crediting its cost while it stands.
    static func credit(_ r: String, _ d: String, raw: Bool = false) -> StatsBucketSQL.Contribution {
        StatsBucketSQL.Contribution(
            keys: ["\(d).source_id", bucket(d), epoch(d, raw: raw), "'RETURNS'", "\(r).reason", "coalesce(\(d).cost_currency, '')"],
            counters: ["count": "1", "amount": "coalesce(\(d).cost_minor, 0)", "amount_n": StatsBucketSQL.flag("\(d).cost_minor IS NOT NULL")],
            from: nil, condition: "\(d).test = 0 AND \(r).retracted_at_ms = 0")
    }

    /// Conversion `x` of delivery `d` while it counts, with its approved and pending revenue.
    static func conversion(_ x: String, _ d: String, raw: Bool = false) -> StatsBucketSQL.Contribution {
        let valued = "\(x).currency IS NOT NULL"
        return StatsBucketSQL.Contribution(
            keys: ["\(d).source_id", bucket(d), epoch(d, raw: raw), "'CONVERSIONS'", "\(x).conversion_type", "coalesce(\(x).currency, '')"],
            counters: ["count": "1",
                       "amount": "CASE WHEN \(valued) THEN coalesce(\(x).approved_minor, 0) ELSE 0 END",
                       "amount_n": StatsBucketSQL.flag("\(valued) AND \(x).approved_minor IS NOT NULL"),
                       "pending": "CASE WHEN \(valued) THEN coalesce(\(x).pending_minor, 0) ELSE 0 END",
                       "pending_n": StatsBucketSQL.flag("\(valued) AND \(x).pending_minor IS NOT NULL")],
            from: nil, condition: "\(d).test = 0 AND \(StatsBucketSQL.counted(x))")
    }

    static var triggers: String { triggerList(postgres: false).map(\.sqlite).joined(separator: "\n") }

    /// The triggers, for SQLite or (`postgres`) PostgreSQL. On PostgreSQL every write appends a
    /// delta row (`statement_delta`, summed by the `statement_bucket` view) instead of updating
    /// one row per bucket: concurrent writes to one source would otherwise queue on that row until
    /// each commits. And a write takes its source's close lock shared before it reads the close
    /// count (a close takes it exclusively), so no write booked under the old count commits after
    /// the close; SQLite's one writer does both by itself.
    static func triggerList(postgres pg: Bool) -> [StatsBucketSQL.Trigger] {
        func apply(_ c: StatsBucketSQL.Contribution, sign: Int) -> String {
            pg ? StatsBucketSQL.append(into: "statement_delta", keys: keys, c, sign: sign)
                : StatsBucketSQL.upsert(into: "statement_bucket", keys: keys, c, sign: sign)
        }
        return [
            .init(name: "statement_delivery_insert", event: "AFTER INSERT ON delivery", locks: pg ? ["NEW"] : [], statements: [apply(lead("NEW"), sign: 1)]),
            .init(name: "statement_delivery_cost", event: "AFTER UPDATE OF cost_minor, cost_currency ON delivery", locks: pg ? ["NEW"] : [],
                  statements: [
                apply(lead("OLD"), sign: -1), apply(lead("NEW"), sign: 1),
                apply(credit("r", "OLD").from("delivery_return r", "r.event_id = OLD.event_id"), sign: -1),
                apply(credit("r", "NEW").from("delivery_return r", "r.event_id = NEW.event_id"), sign: 1)]),
            .init(name: "statement_return_insert", event: "AFTER INSERT ON delivery_return", locks: pg ? ["NEW"] : [], statements: [
                apply(credit("NEW", "d").from("delivery d", "d.event_id = NEW.event_id"), sign: 1)]),
            .init(name: "statement_return_update", event: "AFTER UPDATE OF retracted_at_ms, reason ON delivery_return", locks: pg ? ["NEW"] : [],
                  statements: [
                apply(credit("OLD", "d").from("delivery d", "d.event_id = OLD.event_id"), sign: -1),
                apply(credit("NEW", "d").from("delivery d", "d.event_id = NEW.event_id"), sign: 1)]),
            .init(name: "statement_conversion_insert", event: "AFTER INSERT ON conversion", locks: pg ? ["NEW"] : [], statements: [
                apply(conversion("NEW", "d").from("delivery d", "d.event_id = NEW.event_id"), sign: 1)]),
            .init(name: "statement_conversion_update",
                  event: "AFTER UPDATE OF status, negative, approved_minor, pending_minor, currency, conversion_type, event_id ON conversion",
                  locks: pg ? ["OLD", "NEW"] : [], statements: [
                    apply(conversion("OLD", "d").from("delivery d", "d.event_id = OLD.event_id"), sign: -1),
                    apply(conversion("NEW", "d").from("delivery d", "d.event_id = NEW.event_id"), sign: 1)]),
        ]
    }

    static var raw: String {
        func part(_ c: StatsBucketSQL.Contribution) -> String {
            let cols = zip(c.keys, keys).map { "\($0) AS \($1)" } + counters.map { "\(c.counters[$0] ?? "0") AS \($0)" }
            return "SELECT \(cols.joined(separator: ", ")) FROM \(c.from ?? "") WHERE \(c.condition)"
        }
        var lead = lead("d", raw: true); lead.from = "delivery d"
        let parts = [
            part(lead),
            part(credit("r", "d", raw: true).from("delivery_return r, delivery d", "d.event_id = r.event_id")),
            part(conversion("c", "d", raw: true).from("conversion c, delivery d", "d.event_id = c.event_id")),
        ]
        return """
            SELECT /* full pass */ \(keys.joined(separator: ", ")), \(counters.map { "CAST(sum(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", "))
            FROM (\(parts.joined(separator: "\nUNION ALL "))) AS facts GROUP BY \(keys.joined(separator: ", "))
            """
    }
}
