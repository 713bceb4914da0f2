import ConvdCore
import ConvdProto
import ConvdWire
import Foundation
import NIOCore

/// The four fuzz targets' bodies, kept in a library so that the regression test replays the
/// committed corpus through exactly the code libFuzzer runs. Each one traps (and so reports a
/// crash) when an oracle it checks fails.
public enum FuzzTargets {
    /// Names as `scripts/fuzz` takes them.
    public static let names = ["frame", "callpath", "rules", "structured"]

    /// Runs the target `name` on one input.
    public static func run(_ name: String, _ bytes: [UInt8]) {
        switch name {
        case "frame": frame(bytes)
        case "callpath": callPath(bytes)
        case "rules": rules(bytes)
        case "structured": structured(bytes)
        default: preconditionFailure("unknown fuzz target \(name)")
        }
    }

    /// The frame decoder and envelope decoding: any byte stream splits into frames or a clean
    /// error, each frame decodes or fails as a `Request`, and a decoded request re-encodes to a
    /// frame that decodes to the same request.
    public static func frame(_ bytes: [UInt8]) {
        var decoder = FrameDecoder(maximumFrameLength: 64 * 1024)
        var buffer = ByteBuffer(bytes: bytes)
        while true {
            let frame: ByteBuffer?
            do { frame = try decoder.decode(buffer: &buffer) } catch { return }
            guard let frame else { return }
            guard let request = try? Convd_V1_Request(serializedBytes: Array(frame.readableBytesView)) else { continue }
            var again = ByteBuffer()
            try! again.writeFrame(request)
            var redecoder = FrameDecoder(maximumFrameLength: Int.max)
            let body = try! redecoder.decode(buffer: &again)!
            precondition(try! Convd_V1_Request(serializedBytes: Array(body.readableBytesView)) == request, "frame round trip changed the request")
            _ = try? Convd_V1_Response(serializedBytes: Array(frame.readableBytesView))
        }
    }

    /// The whole call path: a method from the router's table (first byte) and arbitrary payload
    /// bytes through `MethodRouter` into the real handlers over a real SQLite store.
    public static func callPath(_ bytes: [UInt8]) {
        let harness = CallPathHarness.shared
        guard let first = bytes.first else { return }
        harness.call(harness.methods[Int(first) % harness.methods.count], payload: Data(bytes.dropFirst()))
    }

    /// Valid requests of every method with field values mutated to extremes.
    public static func structured(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        let seed = SeedRequests.all[input.below(SeedRequests.all.count)]
        let payload = WireMutator.mutate(seed.payload, &input)
        CallPathHarness.shared.call(seed.method, payload: Data(payload))
    }

    /// The rule-set validator and evaluator with arbitrary rules and values, and `SafePattern`
    /// against a literal-text oracle.
    public static func rules(_ bytes: [UInt8]) {
        var input = FuzzInput(bytes)
        let pattern = input.text(max: 300)
        let text = input.text(max: 2_000)
        if let compiled = try? SafePattern(pattern) {
            let matched = compiled.matches(text)
            // A pattern of letters and digits only is a literal: it matches where the text contains it.
            if !pattern.isEmpty, pattern.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) {
                precondition(matched == text.lowercased().contains(pattern.lowercased()), "literal pattern '\(pattern)' on '\(text)'")
            }
        }
        let set = ruleSet(&input, depth: 0)
        var v = ViolationCollector()
        RuleSetValidator.check(set, path: "rules", into: &v)
        guard v.violations.isEmpty else { return }
        let values = (0..<4).map { _ in input.text(max: 200) }
        _ = RuleEvaluator.firstFailure(of: set) { field in values[field.utf8.count % values.count] }
    }

    static let fields = ["feedback.reason", "feedback.amount", "lead.email", "feedback.plan", "delivery.source", "bogus"]

    static func ruleSet(_ input: inout FuzzInput, depth: Int) -> RuleSet {
        let count = input.below(5)
        var nodes: [RuleSet.Node] = []
        for _ in 0..<count {
            if depth < 9, input.below(4) == 0 {
                nodes.append(.set(ruleSet(&input, depth: depth + 1)))
            } else {
                let op = RuleOperator.allCases[input.below(RuleOperator.allCases.count)]
                let values = (0..<input.below(4)).map { _ in input.text(max: 64) }
                nodes.append(.rule(Rule(field: fields[input.below(fields.count)], op: op, values: values)))
            }
        }
        return RuleSet(match: input.below(2) == 0 ? .all : .any, nodes: nodes)
    }

    /// The seed corpus of target `name`: every method's valid request, in the shape the target reads.
    public static func seeds(_ name: String) throws -> [[UInt8]] {
        func text(_ s: String) -> [UInt8] {  // as `FuzzInput.text` reads it: a length byte (×4), then the bytes
            var b = Array(s.utf8)
            while b.count % 4 != 0 { b.append(0x20) }
            return [UInt8(b.count / 4)] + b
        }
        switch name {
        case "frame":
            return try SeedRequests.all.enumerated().map { i, seed in
                var r = Convd_V1_Request()
                r.callID = UInt64(i + 1)
                r.method = seed.method
                r.payload = Data(seed.payload)
                r.timeoutMs = 1_000
                var b = ByteBuffer()
                try b.writeFrame(r)
                return Array(b.readableBytesView)
            }
        case "callpath":
            let methods = CallPathHarness.shared.methods
            return SeedRequests.all.compactMap { seed in
                methods.firstIndex(of: seed.method).map { [UInt8(truncatingIfNeeded: $0)] + seed.payload }
            }
        case "structured":
            return SeedRequests.all.indices.map { [UInt8(truncatingIfNeeded: $0)] + Array(repeating: UInt8(extremeKeep), count: 64) }
        case "rules":
            return [("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"), ("^sale", "Sale completed"), ("abc", "xxABCxx"),
                    ("[a-z]{2,5}\\d", "ab1"), ("(?:x|y)*z$", "xyxyz")].map { text($0.0) + text($0.1) + [3, 0, 14, 1] + text("^a") }
        default:
            preconditionFailure("unknown fuzz target \(name)")
        }
    }

    /// A choice byte that keeps a field as it is in `WireMutator` for the first choices.
    static let extremeKeep = WireMutator.extremeVarints.count

    /// Runs every input file under `paths` (files or directories) through target `name`, as the
    /// targets' replay mode and the regression test do. - Returns: how many inputs ran.
    @discardableResult
    public static func replay(_ name: String, paths: [String]) throws -> Int {
        var count = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 } : [path]
            for file in files {
                run(name, Array(try Data(contentsOf: URL(fileURLWithPath: file))))
                count += 1
            }
        }
        return count
    }
}
