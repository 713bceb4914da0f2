
/// Finds a conversion type's mode in a recipient's settings: listed types case-insensitively,
/// else the default mode, else (strict) refusal.
public enum ModeResolver {
    /// The type named `name` for a recipient with `settings`.
    /// - Throws: `invalidArgument` naming the known types when strict and `name` is not listed.
    public static func resolve(_ name: String, settings: FeedbackSettings, recipientID: String) throws(ConvdError) -> ResolvedType {
        let wanted = name.trimmingSpaces
        if let t = settings.conversionTypes.first(where: { $0.name.lowercased() == wanted.lowercased() }) {
            return ResolvedType(name: t.name, mode: t.mode, duplicateWindowSeconds: t.duplicateWindowSeconds, negative: t.isNegative)
        }
        guard let mode = settings.defaultMode else {
            let known = settings.conversionTypes.map(\.name).joined(separator: ", ")
            throw .invalid(field: "feedback.conversion_type",
                           "'\(wanted)' is not a conversion type of recipient \(recipientID) (known: \(known))")
        }
        return ResolvedType(name: wanted, mode: mode, duplicateWindowSeconds: 0,
                            negative: ConversionTypeSetting.negativeByDefault(wanted))
    }
}
