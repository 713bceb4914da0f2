/// The set of NFA states alive at one input position, with O(1) membership.
struct ThreadList {
    private(set) var items: [Int] = []
    private var generation: [UInt32]
    private var current: UInt32 = 1

    init(capacity: Int) { generation = Array(repeating: 0, count: capacity) }

    mutating func insert(_ pc: Int) -> Bool {
        if generation[pc] == current { return false }
        generation[pc] = current
        items.append(pc)
        return true
    }

    mutating func clear() {
        items.removeAll(keepingCapacity: true)
        current &+= 1
        if current == 0 {
            for i in generation.indices { generation[i] = 0 }
            current = 1
        }
    }
}
