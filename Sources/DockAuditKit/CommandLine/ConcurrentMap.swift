import Dispatch

extension Array where Element: Sendable {
    /// `map`, with the elements spread over all cores; the results keep the input order.
    func concurrentMap<Transformed: Sendable>(_ transform: @Sendable (Element) -> Transformed) -> [Transformed] {
        guard count > 1 else { return map(transform) }
        return [Transformed](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (slots.base + index).initialize(to: transform(self[index]))
            }
            initializedCount = count
        }
    }
}

/// The result buffer, shared by the iterations: each writes only its own slot.
private struct Slots<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
