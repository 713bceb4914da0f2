/// A flag one transaction sets once (it runs on one queue, so needs no lock).
final class LockFlag {
    var isSet = false
}
