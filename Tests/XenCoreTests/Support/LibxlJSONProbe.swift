import ConfigParser
import Foundation
import XenCore

/// Renders a DomainConfig through libxl and parses the JSON back, so tests can ask for fields by
/// path ("b_info.type.hvm.pae") instead of comparing text.
struct LibxlJSONProbe {
    let root: [String: Any]

    init(_ config: DomainConfig, options: LibxlDomainConfig.Options = .init(generateUUID: false)) throws {
        let text = try LibxlJSON.render(config, options: options)
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw ProbeError.notAnObject(text)
        }
        root = object
    }

    enum ProbeError: Error { case notAnObject(String) }

    /// The value at a dotted path; array elements by index ("disks.0.vdev"). libxl's union keys
    /// contain a dot themselves ("type.hvm"), so a segment "type" joins with the next one.
    subscript(path: String) -> Any? {
        var current: Any? = root
        var segments = path.split(separator: ".").map(String.init)
        while !segments.isEmpty {
            var key = segments.removeFirst()
            if key == "type", let next = segments.first, ["hvm", "pv", "pvh"].contains(next),
                (current as? [String: Any])?["type.\(next)"] != nil
            {
                key = "type.\(segments.removeFirst())"
            }
            if let array = current as? [Any], let index = Int(key) {
                current = index < array.count ? array[index] : nil
            } else if let dict = current as? [String: Any] {
                current = dict[key]
            } else {
                return nil
            }
        }
        return current
    }

    func int(_ path: String) -> Int? { (self[path] as? NSNumber)?.intValue }
    func string(_ path: String) -> String? { self[path] as? String }
    func ints(_ path: String) -> [Int]? { (self[path] as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } }
    func strings(_ path: String) -> [String]? { self[path] as? [String] }
    func count(_ path: String) -> Int? { (self[path] as? [Any])?.count }
}

/// DomainConfig values for tests, spelt the way the config layer fills them.
enum Sample {
    static func pv(_ name: String = "vm1") -> DomainConfig {
        var c = DomainConfig()
        c.name = name
        c.type = .pv
        c.kernel = "/boot/vmlinuz"
        return c
    }

    static func hvm(_ name: String = "win1") -> DomainConfig {
        var c = DomainConfig()
        c.name = name
        c.type = .hvm
        return c
    }

    static func disk(_ target: String, _ vdev: String, readOnly: Bool = false, cdrom: Bool = false) -> DiskSpec {
        var d = DiskSpec()
        d.target = target
        d.vdev = vdev
        d.readOnly = readOnly
        d.isCdrom = cdrom
        d.original = "\(target),\(vdev)"
        return d
    }
}
