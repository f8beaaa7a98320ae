/// The guest-side name of a disk (`vdev`): checks the spellings libxl can turn into a device number
/// (libxl__device_disk_dev_number in Xen 4.17) and the decorations xm allowed around them.
public enum VirtualDeviceName {
    /// Strips what xm accepted around a vdev but libxl does not: a `/dev/` prefix.
    /// (`ioemu:` never reaches here: the disk lexer consumes it as a deprecated prefix, as xl does.)
    public static func normalized(_ vdev: String) -> String {
        // The byte test first: hasPrefix compares Characters, which costs more than the whole rest.
        vdev.utf8.first == UInt8(ascii: "/") && vdev.hasPrefix("/dev/") ? String(vdev.dropFirst(5)) : vdev
    }

    /// nil when libxl accepts the name; otherwise why not.
    public static func problem(with vdev: String) -> String? {
        if vdev.isEmpty { return "empty vdev" }
        // A name that starts with a letter (nearly all: xvda, hdc) is no number: skip the parses.
        if let first = vdev.utf8.first, !Byte.isLower(first) {
            if let n = UInt(vdev), n <= UInt(Int32.max) { return nil }  // a raw device number, as libxl allows
            if vdev.hasPrefix("0x"), UInt(vdev.dropFirst(2), radix: 16) != nil { return nil }
        }
        if let (index, partition) = split(vdev, prefix: "xvd") {
            if index >= 1 << 20 { return "vdev '\(vdev)': disk index too large" }
            if partition > 255 { return "vdev '\(vdev)': partition number above 255" }
            return nil
        }
        if let (index, partition) = split(vdev, prefix: "hd") {
            if index > 3 { return "vdev '\(vdev)': libxl supports only hda to hdd" }
            if partition > 63 { return "vdev '\(vdev)': partition number above 63" }
            return nil
        }
        if let (index, partition) = split(vdev, prefix: "sd") {
            if index > 15 { return "vdev '\(vdev)': libxl supports only sda to sdp" }
            if partition > 15 { return "vdev '\(vdev)': partition number above 15" }
            return nil
        }
        if isDiskPartitionForm(vdev) { return nil }
        return "invalid vdev '\(vdev)' (expected xvd[a-z]+[0-9]*, hd[a-d][0-9]*, sd[a-p][0-9]*)"
    }

    /// `xvdab3` -> (disk index 27, partition 3), the way Linux and libxl number disks.
    static func split(_ vdev: String, prefix: String) -> (Int, Int)? {
        var name = vdev
        // On the bytes (String's byte views cost more per byte than this whole check). Bytes rather
        // than Characters for the prefix too: where they differ, a combining mark follows the prefix,
        // and the letter loop rejects it just the same.
        return name.withUTF8 { bytes -> (Int, Int)? in
            guard Byte.hasPrefix(bytes, prefix) else { return nil }
            // The letters and digits that may follow are ASCII; any other byte ends them (and then
            // fails the number below).
            var index = -1
            var i = prefix.utf8.count
            while i < bytes.count, Byte.isLower(bytes[i]) {
                index = (index + 1) * 26 + Int(bytes[i] - 97)
                if index >= 1 << 24 { return nil }
                i += 1
            }
            guard index >= 0 else { return nil }
            if i == bytes.count { return (index, 0) }
            guard bytes[i] != UInt8(ascii: "0"), let partition = Byte.integer(bytes[i...]) else { return nil }
            return (index, partition)
        }
    }

    /// The device number libxl gives the name (libxl__device_disk_dev_number): the xenstore key of
    /// the disk, by which `xvdb`, `/dev/xvdb` and `51728` name one device. nil for a name libxl
    /// rejects.
    public static func number(_ name: String) -> Int? {
        let vdev = normalized(name)
        guard problem(with: vdev) == nil else { return nil }
        if let n = Int(vdev) { return n }
        if vdev.hasPrefix("0x") { return Int(vdev.dropFirst(2), radix: 16) }
        func xen(_ disk: Int, _ partition: Int) -> Int {
            disk < 16 ? (202 << 8) | (disk << 4) | partition : (1 << 28) | (disk << 8) | partition
        }
        if let (disk, partition) = split(vdev, prefix: "xvd") { return xen(disk, partition) }
        if let (disk, partition) = split(vdev, prefix: "hd") {
            return ((disk < 2 ? 3 : 22) << 8) | ((disk & 1) << 6) | partition
        }
        if let (disk, partition) = split(vdev, prefix: "sd") { return (8 << 8) | (disk << 4) | partition }
        // d<disk>p<partition>
        guard let p = vdev.firstIndex(of: "p"), let disk = Int(vdev[vdev.index(after: vdev.startIndex)..<p]),
            let partition = Int(vdev[vdev.index(after: p)...])
        else { return nil }
        return xen(disk, partition)
    }

    /// libxl's `d<disk>p<partition>` spelling.
    static func isDiskPartitionForm(_ vdev: String) -> Bool {
        guard vdev.hasPrefix("d"), let p = vdev.firstIndex(of: "p") else { return false }
        let disk = vdev[vdev.index(after: vdev.startIndex)..<p]
        let part = vdev[vdev.index(after: p)...]
        guard let d = Int(disk), let q = Int(part) else { return false }
        return d < 1 << 20 && q < 256
    }
}
