import ConvdClient
import ConvdProto
import ConvdStore
import ConvdTestSupport
import Foundation

/// The real daemon the socket benchmarks load, seeded with one recipient, one source and a
/// delivery per worker, and the call they make.
enum BenchDaemon {
    /// Starts convd in `dir/daemon` and seeds it (unless `seed` is false: a second daemon on a
    /// database the first one seeded), delivery `E<i>` to `recipientOf(i)` (crm-1 unless that names
    /// another recipient, which is created too). - Returns: the process and its socket path.
    static func start(_ dir: TemporaryDirectory, durability: Durability, deliveries: Int,
                      extraArguments: [String] = [], seed: Bool = true,
                      recipientOf: (Int) -> String = { _ in "crm-1" }) async throws -> (DaemonProcess, String) {
        let daemon = try await DaemonProcess.start(arguments: [
            "--data-dir", dir.file("daemon"), "--durability", durability.rawValue, "--log-level", "error",
        ] + extraArguments)
        let socket = dir.file("daemon/convd.sock")
        guard seed else { return (daemon, socket) }
        let admin = try await ConvdClient.connect(socketPath: socket)
        var r = Convd_V1_Recipient()
        r.id = "crm-1"
        _ = try await admin.putRecipient(r)
        var s = Convd_V1_Source()
        s.id = "v-1"
        _ = try await admin.putSource(s)
        for id in Set((0..<deliveries).map(recipientOf)).subtracting(["crm-1"]).sorted() {
            var other = Convd_V1_Recipient()
            other.id = id
            _ = try await admin.putRecipient(other)
        }
        for i in 0..<deliveries {
            _ = try await admin.recordDelivery(delivery("E\(i)", to: recipientOf(i)))
        }
        await admin.close()
        return (daemon, socket)
    }

    /// A delivery of lead `eventID` to `recipient` from the seeded source v-1.
    static func delivery(_ eventID: String, to recipient: String) -> Convd_V1_Delivery {
        var d = Convd_V1_Delivery()
        d.eventID = eventID
        d.recipientID = recipient
        d.sourceID = "v-1"
        return d
    }

    /// Worker `w` records a Lead conversion of 10.00 EUR on its delivery.
    static func record(_ client: ConvdClient, _ w: Int) async throws {
        _ = try await client.recordFeedback(lead(w))
    }

    static func lead(_ w: Int) -> Convd_V1_FeedbackReport {
        var f = Convd_V1_FeedbackReport()
        f.eventID = "E\(w)"
        f.kind = .conversion
        f.conversionType = "Lead"
        f.amount.amountMinor = 1000
        f.amount.currency = "EUR"
        return f
    }

    /// The process's resident set now and at its peak, in MiB, from /proc.
    static func memory(of pid: Int32) -> (rss: Double, peak: Double) {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        func kib(_ key: String) -> Double {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key) } ?? ""
            return Double(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
        }
        return (kib("VmRSS:"), kib("VmHWM:"))
    }

    /// Bytes the process has sent to storage (`write_bytes` in /proc/PID/io: its WAL frames and
    /// the checkpoints' copies), or nil where /proc does not say.
    static func writtenBytes(of pid: Int32) -> Double? {
        let io = (try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8)) ?? ""
        let line = io.split(separator: "\n").first { $0.hasPrefix("write_bytes:") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }
    }
}
