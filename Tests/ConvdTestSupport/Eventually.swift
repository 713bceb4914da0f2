/// Waits until `condition` holds, re-reading it every 20 ms: a test synchronises on the state it
/// awaits (an outbox item's state, a request received, a server counter). `limit` is not a timing
/// claim but a safety net, so a condition that never holds fails the test instead of hanging it.
/// - Throws: `ConditionNeverHeld` once `limit` has passed.
public func eventually(atMost limit: Duration = .seconds(120), _ condition: () async throws -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while clock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw ConditionNeverHeld(limit: limit)
}
