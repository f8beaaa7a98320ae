import ConfigParser

/// What `xm cpupool-create FILE [name=value ...]` reads: the vm.cfg language, three keys, as
/// xm's cpupool.py had them. `cpus` is a count of free CPUs to take (xm's default: 1), or which
/// ones, as a CPU list string ("1,3-4") or a list of numbers.
public struct CPUPoolConfig: Sendable, Hashable {
    public enum CPUs: Sendable, Hashable {
        case count(Int)
        case list([Int])
    }
    public var name: String
    public var scheduler: String
    public var cpus: CPUs

    public init(name: String, scheduler: String, cpus: CPUs) {
        self.name = name
        self.scheduler = scheduler
        self.cpus = cpus
    }

    /// What a pool's file may set (xm's cpupool-create options).
    static let keys: Set<String> = ["name", "sched", "cpus"]

    /// Reads the keys, reporting errors and unknown keys as diagnostics at their place in the file.
    public static func read(_ file: ConfigFile, diagnostics: inout Diagnostics) -> CPUPoolConfig? {
        for a in file.assignments where !keys.contains(a.name) && !file.referencedNames.contains(a.name) {
            diagnostics.warning("unknown CPU pool key '\(a.name)' (a pool has name, sched and cpus)", at: a.nameRange)
        }
        guard let nameValue = file.value("name") else {
            diagnostics.error(
                "a CPU pool needs a name (name = \"...\")",
                at: SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1)))
            return nil
        }
        guard let name = nameValue.stringValue, !name.isEmpty else {
            diagnostics.error("name must be a non-empty string, found \(nameValue.typeName)", at: nameValue.range)
            return nil
        }
        var scheduler = "credit"
        if let v = file.value("sched") {
            guard let s = v.stringValue else {
                diagnostics.error("sched must be a string, found \(v.typeName)", at: v.range)
                return nil
            }
            scheduler = s
        }
        var cpus = CPUs.count(1)
        if let v = file.value("cpus") {
            switch v.kind {
            case .int(let n) where n >= 1: cpus = .count(n)
            case .string(let text):
                switch CPUListSyntax.parse(text) {
                case .success(let set) where !set.all && !set.cpus.isEmpty: cpus = .list(set.cpus)
                case .success:
                    diagnostics.error("cpus must name at least one CPU", at: v.range)
                    return nil
                case .failure(let e):
                    diagnostics.error("cpus: \(e.message)", at: v.range)
                    return nil
                }
            case .list(let items), .tuple(let items):
                var numbers: [Int] = []
                for item in items {
                    guard let n = item.intValue ?? item.stringValue.flatMap({ Int($0) }), n >= 0 else {
                        diagnostics.error("cpus: expected CPU numbers, found \(item.typeName)", at: item.range)
                        return nil
                    }
                    numbers.append(n)
                }
                guard !numbers.isEmpty else {
                    diagnostics.error("cpus must name at least one CPU", at: v.range)
                    return nil
                }
                cpus = .list(Array(Set(numbers)).sorted())
            default:
                diagnostics.error("cpus must be a count, a CPU list string or a list of CPU numbers", at: v.range)
                return nil
            }
        }
        return CPUPoolConfig(name: name, scheduler: scheduler, cpus: cpus)
    }

    /// The CPUs to give the pool, given the host's free ones.
    public func choose(from free: [Int]) throws -> [Int] {
        switch cpus {
        case .list(let list): return list
        case .count(let n):
            guard free.count >= n else {
                throw XenError.notEnoughFreeCPUs(pool: name, needed: n, free: free.count)
            }
            return Array(free.sorted().prefix(n))
        }
    }
}

/// A pool config file read and checked (`xm cpupool-create`).
public struct LoadedCPUPoolConfig: Sendable {
    public let source: SourceFile
    public let config: CPUPoolConfig?
    public let diagnostics: Diagnostics
}

extension ConfigLoader {
    /// Finds the file as `xm create` does (`--path`), parses it with the vm.cfg language and reads
    /// the pool keys; `variables` are xm's `name=value` words.
    public static func loadCPUPool(
        _ name: String, searchPath: [String] = defaultSearchPath,
        variables: [(name: String, value: String)] = []
    ) throws -> LoadedCPUPoolConfig {
        let (path, text) = try read(name, searchPath: searchPath)
        return loadCPUPool(text: text, path: path, variables: variables)
    }

    public static func loadCPUPool(
        text: String, path: String,
        variables: [(name: String, value: String)] = []
    ) -> LoadedCPUPoolConfig {
        let source = SourceFile(path: path, text: text)
        var (file, diagnostics) = VMConfigParser.parse(
            source, variables: variables, isOption: { CPUPoolConfig.keys.contains($0) })
        let config = diagnostics.hasErrors ? nil : CPUPoolConfig.read(file, diagnostics: &diagnostics)
        return LoadedCPUPoolConfig(source: source, config: config, diagnostics: diagnostics)
    }
}
