/// One `key = value` statement of a config file, after evaluation.
public struct Assignment: Sendable, Hashable {
    public var name: String
    public var nameRange: SourceRange
    public var value: ConfigValue
    public init(name: String, nameRange: SourceRange, value: ConfigValue) {
        self.name = name
        self.nameRange = nameRange
        self.value = value
    }
}

/// A parsed and evaluated vm.cfg: the settings xm would have found in the Python globals after
/// `execfile`, in the order they were first set.
public struct ConfigFile: Sendable {
    public let source: SourceFile
    /// Every assignment in file order, including re-assignments of one name.
    public var assignments: [Assignment]
    /// `name=value` words from the command line, already typed (a number reads as a number).
    public var variables: [String: ConfigValue]
    /// The final value of every name: a file assignment wins over a command-line variable of the same
    /// name; a variable the file never assigns still sets the option of that name (xm's rule).
    public private(set) var settings: [Assignment]
    /// Names read by some expression in the file (`disk = [repo + '/System.img']` reads `repo`):
    /// such names are the file's helpers, not options.
    public var referencedNames: Set<String> = []
    private var index: [String: Int]
    /// Spares most lookups of names the file does not set the cost of hashing them.
    private var indexFilter: NameFilter

    public init(source: SourceFile, assignments: [Assignment], variables: [String: ConfigValue] = [:],
                variableOrder: [String] = []) {
        self.source = source
        self.assignments = assignments
        self.variables = variables
        var settings: [Assignment] = []
        settings.reserveCapacity(assignments.count + variableOrder.count)
        var index: [String: Int] = [:]
        index.reserveCapacity(assignments.count + variableOrder.count)  // no rehashing as it grows
        for a in assignments {
            // One hash per assignment: claim the next slot, and give it back for a re-assignment.
            if let i = index.updateValue(settings.count, forKey: a.name) {
                index[a.name] = i
                settings[i] = a
            } else {
                settings.append(a)
            }
        }
        for name in variableOrder where index[name] == nil {
            if let v = variables[name] {
                index[name] = settings.count
                settings.append(Assignment(name: name, nameRange: .commandLine, value: v))
            }
        }
        self.settings = settings
        self.index = index
        self.indexFilter = NameFilter(settings.lazy.map(\.name))
    }

    public subscript(name: String) -> Assignment? {
        guard indexFilter.mayContain(name) else { return nil }
        return index[name].map { settings[$0] }
    }
    public func value(_ name: String) -> ConfigValue? { self[name]?.value }
    public var names: [String] { settings.map(\.name) }
}
