import ConvdCore

/// Reads an enum column strictly. A value this binary does not know was written by a newer convd
/// (or by hand); reading it as a default (APPROVED, PENDING) would count money wrongly, so it is
/// an error naming the row, the value and the schema this binary knows.
enum StoredEnum {
    /// `raw` as `E`. - Throws: `failedPrecondition` naming `what` (e.g. "conversion 01H… status").
    static func decode<E: RawRepresentable>(_ type: E.Type, _ raw: String, _ what: @autoclosure () throws -> String) throws -> E
    where E.RawValue == String {
        guard let value = E(rawValue: raw) else {
            let schema = ConvdMigrations.names.last ?? "none"
            throw ConvdError.failedPrecondition(
                "\(try what()) is '\(raw)', which this convd (schema \(ConvdMigrations.names.count), \(schema)) does not know; a newer convd wrote it: run that version or restore a backup")
        }
        return value
    }
}
