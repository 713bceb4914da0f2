extension Source {
    /// This source with every forwarding header sent back as shown masked ("****", e.g. a Get fed
    /// into a Put) given its value from `stored`, so a round trip never overwrites a secret.
    public func keepingMaskedHeaders(of stored: Source?) -> Source {
        guard let kept = stored?.forwarding?.headers, var f = forwarding else { return self }
        for (name, value) in f.headers where value == SecretMask.mask { f.headers[name] = kept[name] ?? value }
        var s = self
        s.forwarding = f
        return s
    }
}
