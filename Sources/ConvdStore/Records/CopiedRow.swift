import GRDB

/// A row copied out of its statement (what `Database.row` returns), read by exact column name.
///
/// GRDB's lookup by name on a copied row lowercases every column name on each read: decoding one
/// conversion (22 columns) lowercased a few hundred strings, about a tenth of the writer thread.
/// The prepared statement reads its column names once, so this scans that array for the exact
/// name; the records spell columns as their SELECTs do, and GRDB's case-insensitive lookup stays
/// the fallback.
struct CopiedRow: StoredRow {
    /// The GRDB row, copied out of its statement (`Row.fetchOne`).
    let row: Row
    /// Its statement's column names, in order (shared with the statement, not copied).
    let names: [String]

    func value<V: StoredValue>(_ name: String) throws -> V {
        if let index = names.firstIndex(of: name) { return row[index] }
        return row[name]
    }
}
