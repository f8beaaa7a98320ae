extension DomainConfigBuilder {
    /// Key-level findings: unknown keys (with a did-you-mean) and keys xl ignores or reads only for
    /// HVM guests. Values are checked by the sections that read them.
    mutating func checkKeys() {
        for (setting, keyIndex) in zip(file.settings, settingKeys) {
            let name = setting.name
            let nameRange = setting.nameRange
            guard keyIndex >= 0 else {
                if name.hasPrefix("OVM_") { continue }  // Oracle VM Manager metadata, read as xl does
                // `xm create f vmid=3`: a variable for the file to use, not an option; `_name`,
                // a helper by Python's convention; and any name another value is computed from.
                if nameRange.isCommandLine || name.hasPrefix("_") || file.referencedNames.contains(name) {
                    continue
                }
                warn(
                    "unknown key '\(name)'", at: nameRange,
                    hint: Suggestion.hint(for: name, among: ConfigKeyTable.suggestionCandidates))
                continue
            }
            if setting.value.isNone { continue }
            switch ConfigKeyTable.all[keyIndex].xl {
            case .same:
                break
            case .ignored(let why):
                warn("xl ignores '\(name)': \(why)", at: nameRange)
            case .notApplied:
                warn("'\(name)' is an xl option this toolstack does not apply yet; it is ignored", at: nameRange)
            case .hvmOnly:
                if !isHVM {
                    // xl refuses timer_mode for PV rather than ignoring it; we ignore it all the same.
                    let xl = name == "timer_mode" ? "xl refuses it" : "as xl does"
                    warn(
                        "'\(name)' applies to HVM guests only; ignored for a \(config.type.rawValue) guest (\(xl))",
                        at: nameRange)
                }
            }
        }
    }
}
