import CXen
import ConfigParser

/// Fills a freshly initialised `libxl_domain_config` from a DomainConfig. The steps run in the
/// order of xl's parse_config_data because some read what an earlier one wrote (the PCI devices
/// copy the reserved-memory policy, the framebuffer follows the device list...). Each step lives
/// in its own file as an extension.
package struct DomainConfigMapper {
    let target: UnsafeMutablePointer<libxl_domain_config>
    let config: DomainConfig
    let options: LibxlDomainConfig.Options

    init(
        target: UnsafeMutablePointer<libxl_domain_config>, config: DomainConfig,
        options: LibxlDomainConfig.Options
    ) {
        self.target = target
        self.config = config
        self.options = options
    }

    var cInfo: UnsafeMutablePointer<libxl_domain_create_info> {
        UnsafeMutableRawPointer(target).advanced(by: MemoryLayout<libxl_domain_config>.offset(of: \.c_info)!)
            .assumingMemoryBound(to: libxl_domain_create_info.self)
    }

    var bInfo: UnsafeMutablePointer<libxl_domain_build_info> {
        UnsafeMutableRawPointer(target).advanced(by: MemoryLayout<libxl_domain_config>.offset(of: \.b_info)!)
            .assumingMemoryBound(to: libxl_domain_build_info.self)
    }

    var libxlType: libxl_domain_type {
        switch config.type {
        case .pv: LIBXL_DOMAIN_TYPE_PV
        case .pvh: LIBXL_DOMAIN_TYPE_PVH
        case .hvm: LIBXL_DOMAIN_TYPE_HVM
        }
    }

    mutating func fill() throws(LibxlError) {
        try fillIdentity()
        try fillScheduling()
        try fillMemoryAndVcpus()
        try fillAffinity()
        fillHostDefaults()
        try fillActions()
        try fillPCI()
        try fillPlatform()
        try fillBoot()
        try fillHVMFirmware()
        try fillLegacyPassthrough()
        try fillDisks()
        try fillVTPMs()
        try fillChannels()
        try fillNics()
        try fillFramebuffers()
        try fillDeviceModel()
        try fillTopLevelDisplay()
        try fillHVMDevices()
    }
}
