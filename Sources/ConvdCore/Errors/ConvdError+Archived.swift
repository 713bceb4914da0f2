extension ConvdError {
    /// The refusal of a write naming an archived object: "recipient 'crm-1' is archived (since …);
    /// restore it to record feedback".
    public static func archived(noun: String, id: String, sinceMs: Int64, toDo what: String) -> ConvdError {
        .failedPrecondition("\(noun) '\(id)' is archived (since \(ISOTime.string(ms: sinceMs))); restore it to \(what)")
    }
}
