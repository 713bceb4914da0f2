import ArgumentParser

/// "Did you mean": the known subcommand nearest to a mistyped one.
enum Suggestion {
    /// For arguments whose first unknown word sits where a subcommand is expected, a hint naming
    /// the closest subcommand (edit distance at most 2, or a prefix); nil otherwise.
    static func hint(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command: any ParsableCommand.Type = root
        for word in arguments where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            let names = subcommands.map { $0._commandName }
            if let next = subcommands.first(where: { $0._commandName == word }) {
                command = next
                continue
            }
            let ranked = names.map { ($0, distance(word, $0)) }.sorted { $0.1 < $1.1 }
            if let best = ranked.first, best.1 <= 2 || best.0.hasPrefix(word) {
                return "unknown subcommand '\(word)'; did you mean '\(best.0)'?"
            }
            return "unknown subcommand '\(word)'; one of: \(names.joined(separator: ", "))"
        }
        return nil
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let kept = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = kept
            }
        }
        return row[b.count]
    }
}
