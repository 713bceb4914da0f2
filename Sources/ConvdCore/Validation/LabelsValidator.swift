/// Checks free-form label maps: bounded keys and values.
public enum LabelsValidator {
    /// Adds a violation for each label whose key is blank or too long, or whose value is too long.
    public static func check(_ labels: [String: String], path: String, into v: inout ViolationCollector) {
        if labels.count > 64 { v.add(path, "at most 64 labels") }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            if key.trimmingSpaces.isEmpty || key.count > 64 { v.add("\(path)[\(key)]", "key must be 1 to 64 characters") }
            if value.count > 256 { v.add("\(path)[\(key)]", "value must be at most 256 characters") }
        }
    }
}
