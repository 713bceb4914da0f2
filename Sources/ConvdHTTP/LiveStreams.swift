import Synchronization

/// The live event streams open on the HTTP listener, so that its graceful shutdown can end them:
/// the server waits for requests in flight to finish, and a live stream otherwise never does.
final class LiveStreams: Sendable {
    private let state = Mutex<(next: Int, closed: Bool, tasks: [Int: Task<Void, Never>])>((0, false, [:]))

    /// Tracks `task` until `remove`; a stream opened after `closeAll` is cancelled at once.
    func add(_ task: Task<Void, Never>) -> Int {
        let (id, closed) = state.withLock { s -> (Int, Bool) in
            s.next += 1
            if !s.closed { s.tasks[s.next] = task }
            return (s.next, s.closed)
        }
        if closed { task.cancel() }
        return id
    }

    /// Stops tracking stream `id`.
    func remove(_ id: Int) { _ = state.withLock { $0.tasks.removeValue(forKey: id) } }

    /// Ends every open stream, and every one opened from now on.
    func closeAll() {
        let tasks = state.withLock { s -> [Task<Void, Never>] in
            s.closed = true
            defer { s.tasks = [:] }
            return Array(s.tasks.values)
        }
        for t in tasks { t.cancel() }
    }
}
