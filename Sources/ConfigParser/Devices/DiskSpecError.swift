/// Why a disk spec string was rejected. `near` is the part of the spec the problem was found in
/// (as libxlutil reports it), when there is one.
public struct DiskSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var near: String?
    public var spec: String

    public init(_ message: String, near: String? = nil, spec: String) {
        self.message = message
        self.near = near
        self.spec = spec
    }

    public var description: String {
        var text = "invalid disk spec '\(spec)': \(message)"
        if let near, !near.isEmpty { text += " (near '\(near)')" }
        return text
    }
}
