import ConvdProto

/// The protocol's conversion status names without their prefix ("APPROVED"), as the CLI and the
/// HTTP listener print them.
public enum StatusName {
    /// Every status a conversion can have, with its name.
    public static let all: [(String, Convd_V1_ConversionStatus)] = [("PENDING", .pending), ("APPROVED", .approved), ("REJECTED", .rejected),
                                                                    ("RETRACTED", .retracted)]

    /// The name of `s` ("UNSPECIFIED" for none).
    public static func name(_ s: Convd_V1_ConversionStatus) -> String { all.first { $0.1 == s }?.0 ?? "UNSPECIFIED" }
}
