/// Emits Pike VM instructions for a `PatternNode`, refusing programs over the size limit early so
/// a hostile `{100}` nest never allocates much.
struct PatternCompiler {
    var program: [SafePattern.Instruction] = []

    mutating func emit(_ node: PatternNode) throws(SafePattern.Problem) {
        guard program.count <= SafePattern.maxProgramSize else {
            throw .init("is too complex (more than \(SafePattern.maxProgramSize) steps)")
        }
        switch node {
        case .char(let c): program.append(.char(c))
        case .any: program.append(.any)
        case .set(let set, let negated): program.append(.set(set, negated: negated))
        case .start: program.append(.lineStart)
        case .end: program.append(.lineEnd)
        case .concat(let items): for item in items { try emit(item) }
        case .alternate(let branches):
            var jumps: [Int] = []
            for (n, branch) in branches.enumerated() {
                if n < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    try emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                var exits: [Int] = []
                for _ in min..<max {
                    exits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    try emit(inner)
                }
                for e in exits { program[e] = .split(e + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                try emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
