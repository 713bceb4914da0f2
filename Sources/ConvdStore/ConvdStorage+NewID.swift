import ConvdCore

extension ConvdStorage {
    /// A fresh time-sortable ID (conversions, deliveries without one, forward keys), the same on
    /// both backends so IDs sort the same wherever they were made.
    func newID(_ ms: Int64) -> String {
        var g = PooledRandomGenerator()
        return TimeSortableID.make(ms: ms, using: &g)
    }
}
