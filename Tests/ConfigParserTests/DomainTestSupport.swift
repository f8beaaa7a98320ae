import ConfigParser

/// Parses `text` as a vm.cfg and builds its DomainConfig.
func buildDomain(
    _ text: String, path: String = "/etc/xen/test.cfg",
    variables: [(name: String, value: String)] = []
) -> (DomainConfig, Diagnostics, ConfigFile) {
    let (file, parsed) = VMConfigParser.parse(SourceFile(path: path, text: text), variables: variables)
    var diagnostics = parsed
    let config = DomainConfig.build(from: file, diagnostics: &diagnostics)
    return (config, diagnostics, file)
}

/// A PV guest that is valid on its own, so a test can add one key and see only that key's effect.
let minimalPV = "name = 'vm1'\nkernel = '/boot/vmlinuz'\n"

extension Diagnostics {
    func errors(containing text: String) -> [Diagnostic] { errors.filter { $0.message.contains(text) } }
    func warnings(containing text: String) -> [Diagnostic] { warnings.filter { $0.message.contains(text) } }
}

extension Diagnostic {
    /// "line:column" of the start, for compact position assertions.
    var at: String { "\(range.start.line):\(range.start.column)" }
}
