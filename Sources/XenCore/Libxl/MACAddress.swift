/// A vif's `mac=`: six hexadecimal octets separated by ':' (or '-'), as xl reads them.
enum MACAddress {
    static func parse(_ text: String) -> (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let groups = parts.count == 6 ? parts : text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count == 6 else { return nil }
        var octets: [UInt8] = []
        for g in groups {
            guard (1...2).contains(g.count), let v = UInt8(g, radix: 16) else { return nil }
            octets.append(v)
        }
        return (octets[0], octets[1], octets[2], octets[3], octets[4], octets[5])
    }
}
