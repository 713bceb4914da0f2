import Crypto
import SwiftProtobuf

/// The fingerprint an idempotency key is stored with: SHA-256 of the decoded request re-encoded
/// with deterministic map ordering. Decoding first means the same request sent again (by any
/// client, maps in any order) has the same fingerprint, while any changed field does not.
enum RequestFingerprint {
    /// The hex digest of `message`.
    static func of(_ message: some SwiftProtobuf.Message) throws -> String {
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        let bytes: [UInt8] = try message.serializedBytes(options: options)
        return SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
