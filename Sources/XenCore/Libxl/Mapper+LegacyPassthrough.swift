import CXen
import ConfigParser

extension DomainConfigMapper {
    /// `ioports` and `irqs`: legacy I/O port ranges and physical IRQs handed to the guest.
    mutating func fillLegacyPassthrough() throws(LibxlError) {
        let b = bInfo
        if !config.ioports.isEmpty {
            let ranges = try CMemory.array(of: libxl_ioport_range.self, count: config.ioports.count) { _ in }
            b.pointee.ioports = ranges
            b.pointee.num_ioports = Int32(config.ioports.count)
            for (i, range) in config.ioports.enumerated() {
                ranges[i].first = range.first
                ranges[i].number = range.count
            }
        }
        if !config.irqs.isEmpty {
            let irqs = try CMemory.array(of: UInt32.self, count: config.irqs.count) { _ in }
            b.pointee.irqs = irqs
            b.pointee.num_irqs = Int32(config.irqs.count)
            for (i, irq) in config.irqs.enumerated() {
                guard let n = UInt32(exactly: irq), n < UInt32.max else {
                    throw .invalidValue(key: "irqs", value: String(irq), reason: "not an IRQ number")
                }
                irqs[i] = n
            }
        }
    }
}
