/// Why a vif, vfb, pci, vtpm or channel spec string was rejected. `near` is the part of the spec
/// at fault; `hint` a suggestion (a did-you-mean for a misspelt key).
public struct DeviceSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var near: String?
    public var hint: String?

    public init(_ message: String, near: String? = nil, hint: String? = nil) {
        self.message = message
        self.near = near
        self.hint = hint
    }

    public var description: String { message }
}
