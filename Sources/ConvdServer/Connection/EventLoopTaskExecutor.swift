import NIOCore

/// Runs a call's task on its connection's event loop. A write then crosses threads twice (the
/// loop hands it to the writer thread, whose commit resumes the task on the loop) instead of four
/// times (loop, a pool thread for the task, the writer, a pool thread again, the loop).
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    /// An executor that runs its jobs on `loop`.
    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    /// Runs `job` on the loop, in order with the loop's other work.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
