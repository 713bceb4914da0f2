import Foundation

/// A `psql` transaction holding its locks until committed.
public final class HeldTransaction: @unchecked Sendable {
    // Only `commit()` touches these, once, from the test that holds the transaction.
    private let process: Process
    private let input: Pipe

    init(process: Process, input: Pipe) {
        self.process = process
        self.input = input
    }

    /// Commits, releasing the locks, and waits for `psql` to end.
    public func commit() {
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
