/// Lets the global flags (`--socket`, `--timeout`, `-o/--output`) stand anywhere on the command
/// line, as in `convctl -o json recipient list`: ArgumentParser reads a subcommand's options only
/// after its name, so they are moved to the end, where every subcommand's `GlobalOptions` reads them.
enum GlobalArguments {
    /// Flags that take a value.
    static let valued: Set<String> = ["--socket", "--timeout", "-o", "--output"]

    /// `arguments` with the global flags (and their values) moved to the end, in their order.
    static func hoisted(_ arguments: [String]) -> [String] {
        var kept: [String] = [], moved: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { kept += arguments[i...]; break }
            if valued.contains(a), i + 1 < arguments.count {
                moved += [a, arguments[i + 1]]
                i += 2
                continue
            }
            if valued.contains(where: { a.hasPrefix($0 + "=") }) || (a.hasPrefix("-o") && a.count > 2 && !a.hasPrefix("--")) {
                moved.append(a)
            } else {
                kept.append(a)
            }
            i += 1
        }
        return kept + moved
    }
}
