import ConvdClient
import ConvdProto
import ConvdServer
import ConvdTestSupport
import ConvdWire
import Dispatch
import NIOPosix
import Testing

/// A call's task runs on its connection's event loop, and work it awaits on another thread (the
/// writer, a reader queue) resumes it there: two thread crossings per call, not four.
struct CallThreadTests {
    static let whereAmI = MethodName(service: "Test", method: "WhereAmI")

    /// 1 when the task started on an event loop, +2 when it resumed on the same one after a hop to
    /// a dispatch queue (so 3 is both).
    @Test func aCallsTaskStartsAndResumesOnItsEventLoop() async throws {
        let server = TestServer { router in
            router.unary(Self.whereAmI, role: .reader, Convd_V1_Int64Value.self) { _, _ in
                let before = MultiThreadedEventLoopGroup.currentEventLoop
                await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().async { c.resume() }
                }
                let after = MultiThreadedEventLoopGroup.currentEventLoop
                var answer = Convd_V1_Int64Value()
                answer.value = (before != nil ? 1 : 0) + (after != nil && after === before ? 2 : 0)
                return answer
            }
        }
        try await server.run { running in
            let c = try await running.client()
            for _ in 0..<20 {
                let answer = try await c.call(Self.whereAmI, Convd_V1_Int64Value(), returning: Convd_V1_Int64Value.self)
                #expect(answer.value == 3)
            }
            await c.close()
        }
    }
}
