import ConfigParser
import Testing

private func parse(_ text: String, vars: [(name: String, value: String)] = []) -> (ConfigFile, Diagnostics) {
    VMConfigParser.parse(path: "t.cfg", text: text, variables: vars)
}

private func value(_ text: String, _ key: String = "x", vars: [(name: String, value: String)] = []) -> ConfigValue.Kind?
{
    let (file, diags) = parse(text, vars: vars)
    #expect(!diags.hasErrors, "unexpected: \(diags.items.map { $0.rendered(in: file.source) })")
    return file.value(key)?.kind
}

private func firstError(_ text: String, vars: [(name: String, value: String)] = []) -> Diagnostic? {
    parse(text, vars: vars).1.errors.first
}

@Suite struct Literals {
    @Test func integersInEveryBase() {
        #expect(value("x = 42") == .int(42))
        #expect(value("x = 0x1F") == .int(31))
        #expect(value("x = 0o17") == .int(15))
        #expect(value("x = 0755") == .int(493))  // Python 2 octal, as xm read it
        #expect(value("x = 0b101") == .int(5))
        #expect(value("x = 10L") == .int(10))
        #expect(value("x = -5") == .int(-5))
        #expect(value("x = 0") == .int(0))
    }

    @Test func floats() {
        #expect(value("x = 1.5") == .float(1.5))
        #expect(value("x = .5") == .float(0.5))
        #expect(value("x = 5.") == .float(5))
        #expect(value("x = 1e3") == .float(1000))
        #expect(value("x = -2.5e-1") == .float(-0.25))
    }

    @Test func constants() {
        #expect(value("x = True") == .bool(true))
        #expect(value("x = False") == .bool(false))
        #expect(value("x = None") == ConfigValue.Kind.none)
    }

    @Test func stringForms() {
        #expect(value("x = 'a'") == .string("a"))
        #expect(value("x = \"a'b\"") == .string("a'b"))
        #expect(value("x = u'uni'") == .string("uni"))
        #expect(value("x = r'a\\nb'") == .string("a\\nb"))
        #expect(value("x = b'bytes'") == .string("bytes"))
        #expect(value("x = 'a\\tb\\n'") == .string("a\tb\n"))
        #expect(value("x = '\\x41\\101\\u00e9'") == .string("AAé"))
        #expect(value("x = '\\q'") == .string("\\q"))  // unknown escapes keep the backslash
        #expect(value("x = 'con' 'cat'") == .string("concat"))
        #expect(value("x = '''line1\nline2'''") == .string("line1\nline2"))
        #expect(value("x = \"\"\"a \"quoted\" b\"\"\"") == .string("a \"quoted\" b"))
        #expect(value("x = 'a\\\nb'") == .string("ab"))
    }

    @Test func containers() {
        let list = value("x = [1, 'a', [2, 3],]")
        guard case .list(let items)? = list else {
            Issue.record("not a list")
            return
        }
        #expect(items.count == 3)
        #expect(items[2].elements?.count == 2)
        guard case .tuple(let t)? = value("x = (1,)") else {
            Issue.record("not a tuple")
            return
        }
        #expect(t.count == 1)
        #expect(value("x = (1)") == .int(1))
        guard case .tuple(let empty)? = value("x = ()") else {
            Issue.record("not a tuple")
            return
        }
        #expect(empty.isEmpty)
        guard case .dict(let d)? = value("x = {'a': 1, 'b': [2,],}") else {
            Issue.record("not a dict")
            return
        }
        #expect(d.count == 2)
        #expect(d[1].key.stringValue == "b")
        guard case .tuple(let bare)? = value("x = 1, 2") else {
            Issue.record("not a tuple")
            return
        }
        #expect(bare.count == 2)
    }
}

@Suite struct Layout {
    @Test func commentsSemicolonsAndContinuations() {
        let text = """
            # a comment
            a = 1 ; b = 2   # trailing
            c = [ 'x',
                  'y' ]   # continued inside brackets
            d = 1 + \\
                2
            OVM_simple_name = 'vm'
            """
        let (file, diags) = parse(text)
        #expect(!diags.hasErrors)
        #expect(file.value("a")?.kind == .int(1))
        #expect(file.value("b")?.kind == .int(2))
        #expect(file.value("c")?.elements?.count == 2)
        #expect(file.value("d")?.kind == .int(3))
        #expect(file.value("OVM_simple_name")?.kind == .string("vm"))
    }

    @Test func valuesKeepTheirSourceRange() {
        let (file, _) = parse("a = 1\nb = [ 'x',\n  'yy' ]\n")
        let b = file.value("b")!
        #expect(b.range.start == SourceLocation(line: 2, column: 5))
        #expect(b.elements![1].range.start == SourceLocation(line: 3, column: 3))
        #expect(b.elements![1].range.end == SourceLocation(line: 3, column: 7))
        #expect(file["b"]!.nameRange.start == SourceLocation(line: 2, column: 1))
    }

    @Test func columnsCountCharactersNotBytes() {
        let (_, diags) = parse("x = 'é' + 1")
        #expect(diags.errors.first?.range.start == SourceLocation(line: 1, column: 9))
    }

    @Test func crlfLineEndings() {
        let (file, diags) = parse("a = 1\r\nb = 'x'\r\n")
        #expect(!diags.hasErrors)
        #expect(file.value("b")?.kind == .string("x"))
    }

    @Test func laterAssignmentWins() {
        let (file, _) = parse("memory = 256\nmemory = 512\n")
        #expect(file.value("memory")?.kind == .int(512))
        #expect(file.assignments.count == 2)
        #expect(file.settings.count == 1)
    }
}

@Suite struct Expressions {
    @Test func arithmeticIsPython2() {
        #expect(value("x = 7 / 2") == .int(3))
        #expect(value("x = -7 / 2") == .int(-4))
        #expect(value("x = 7 // 2") == .int(3))
        #expect(value("x = 7.0 / 2") == .float(3.5))
        #expect(value("x = -7 % 3") == .int(2))
        #expect(value("x = 2 + 3 * 4") == .int(14))
        #expect(value("x = (2 + 3) * 4") == .int(20))
        #expect(value("x = 2 ** 10") == .int(1024))
        #expect(value("x = -2 ** 2") == .int(-4))
        #expect(value("x = True + 1") == .int(2))
        #expect(value("x = 1024 * 1024") == .int(1_048_576))
    }

    @Test func stringsAndSequences() {
        #expect(value("x = 'a' + 'b'") == .string("ab"))
        #expect(value("x = 'ab' * 3") == .string("ababab"))
        #expect(value("x = 2 * 'ab'") == .string("abab"))
        #expect(VMConfigParser.parse(path: "t", text: "x = [1] * 3").0.value("x")?.description == "[1, 1, 1]")
        guard case .list(let l)? = value("x = [0] * 3 + [1]") else {
            Issue.record("not a list")
            return
        }
        #expect(l.count == 4)
    }

    @Test func percentFormatting() {
        #expect(value("x = 'VM%d' % 3") == .string("VM3"))
        #expect(value("x = 'phy:sda%d,sda1,w' % (7 + 2)") == .string("phy:sda9,sda1,w"))
        #expect(value("x = '%s-%s' % ('a', 1)") == .string("a-1"))
        #expect(value("x = '%05d|%-4s|%x|%X|%o' % (42, 'ab', 255, 255, 8)") == .string("00042|ab  |ff|FF|10"))
        #expect(
            value("x = '%.2f %e %g %g' % (3.14159, 1234.5, 0.0001, 1e20)") == .string("3.14 1.234500e+03 0.0001 1e+20"))
        #expect(value("x = '%r %s' % ('q', None)") == .string("'q' None"))
        #expect(value("x = '100%%'  % ()") == .string("100%"))
        #expect(value("x = '%(a)s-%(b)d' % {'a': 'x', 'b': 2}") == .string("x-2"))
        #expect(value("x = '%+d % d' % (5, 5)") == .string("+5  5"))
        #expect(value("x = '%c' % 65") == .string("A"))
        #expect(value("x = '%5.1f' % 2.25") == .string("  2.2"))
    }

    /// Literal text between conversions is copied in runs: as bytes in an ASCII format, scalar by
    /// scalar otherwise; both keep every character and its place.
    @Test func percentFormattingKeepsLiteralRuns() {
        #expect(value("x = 'a%sb%%c%sd' % (1, 2)") == .string("a1b%c2d"))
        #expect(value("x = '%s' % 'only'") == .string("only"))
        #expect(value("x = 'héllo %s wörld %d€' % ('ü', 7)") == .string("héllo ü wörld 7€"))
        #expect(value("x = '日本%s語' % '-'") == .string("日本-語"))
    }

    @Test func namesBoundEarlierOrOnTheCommandLine() {
        let text = "vmid = 3\nname = 'VM%d' % vmid\nip = '10.0.%d.1' % vmid\n"
        #expect(value(text, "name") == .string("VM3"))
        #expect(value("name = 'VM%d' % vmid", "name", vars: [("vmid", "7")]) == .string("VM7"))
        #expect(value("x = mem * 2", vars: [("mem", "256")]) == .int(512))
        #expect(value("x = disk", vars: [("disk", "file:/a.img")]) == .string("file:/a.img"))
        #expect(value("x = f * 2", vars: [("f", "1.5")]) == .float(3))
    }

    @Test func fileAssignmentWinsOverVariable() {
        let (file, _) = parse("vmid = 3\nname = 'vm%d' % vmid\n", vars: [("vmid", "7"), ("vcpus", "2")])
        #expect(file.value("vmid")?.kind == .int(3))
        #expect(file.value("name")?.kind == .string("vm3"))
        // A variable the file never assigns still sets the option of that name.
        #expect(file.value("vcpus")?.kind == .int(2))
        #expect(file["vcpus"]?.nameRange.isCommandLine == true)
    }

    /// xm's opts.py: a `name=value` word naming an option marks it specified, and the file's
    /// value for it is skipped (`xm create vm.cfg name=other`, as Pacemaker's Xen agent runs it).
    @Test func commandLineOptionWinsOverFileAssignment() {
        let text = "name = 'vm1'\nmemory = 512\nx = memory * 2\n"
        let vars = [(name: "name", value: "other"), (name: "memory", value: "768")]
        let (file, _) = VMConfigParser.parse(path: "t.cfg", text: text, variables: vars, isOption: { $0 != "x" })
        #expect(file.value("name")?.kind == .string("other"))
        #expect(file["name"]?.nameRange.isCommandLine == true)
        #expect(file.value("memory")?.kind == .int(768))
        // the file's own reads still see its own assignment, as execfile's locals did
        #expect(file.value("x")?.kind == .int(1024))
    }

    @Test func augmentedAssignment() {
        #expect(value("x = 'a'\nx += 'b'") == .string("ab"))
        #expect(VMConfigParser.parse(path: "t", text: "x = [1]\nx += [2]").0.value("x")?.description == "[1, 2]")
        #expect(value("x = 10\nx -= 3") == .int(7))
    }

    @Test func chainedAssignment() {
        let (file, diags) = parse("a = b = 5")
        #expect(!diags.hasErrors)
        #expect(file.value("a")?.kind == .int(5))
        #expect(file.value("b")?.kind == .int(5))
    }
}

@Suite struct Rejections {
    private func expectError(
        _ text: String, line: Int, column: Int, containing piece: String,
        vars: [(name: String, value: String)] = [],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let e = firstError(text, vars: vars) else {
            Issue.record("no error for \(text)", sourceLocation: sourceLocation)
            return
        }
        #expect(
            e.range.start == ConfigParser.SourceLocation(line: line, column: column),
            "\(e)", sourceLocation: sourceLocation)
        #expect(e.message.lowercased().contains(piece), "\(e.message)", sourceLocation: sourceLocation)
    }

    @Test func codeIsNeverExecuted() {
        expectError("import os", line: 1, column: 1, containing: "import")
        expectError("from os import path", line: 1, column: 1, containing: "from")
        expectError("def f():\n    return 1\nx = 1", line: 1, column: 1, containing: "def")
        expectError("x = os.getenv('HOME')", line: 1, column: 7, containing: "attribute")
        expectError("x = len('abc')", line: 1, column: 5, containing: "call")
        expectError("if vmid > 1:\n    x = 2\n", line: 1, column: 1, containing: "if")
        expectError("x = lambda: 1", line: 1, column: 5, containing: "lambda")
        expectError("x = [i for i in y]", line: 1, column: 8, containing: "comprehension")
        expectError("x = 1 if y else 2", line: 1, column: 7, containing: "if")
        expectError("x = a == b", line: 1, column: 5, containing: "not defined")
        expectError("a = 1\nx = a == 1", line: 2, column: 7, containing: "comparison")
        expectError("print 'hi'", line: 1, column: 1, containing: "print")
        expectError("x = 'abc'[0]", line: 1, column: 10, containing: "subscript")
    }

    @Test func blockBodyGivesOneError() {
        let (_, diags) = parse("if x:\n    a = 1\n    b = 2\nc = 3\n")
        #expect(diags.errors.count == 1)
    }

    @Test func lexicalErrors() {
        expectError("x = 'abc", line: 1, column: 5, containing: "unterminated string")
        expectError("x = '''abc\n\nmore", line: 1, column: 5, containing: "unterminated triple-quoted")
        expectError("x = [1, 2\ny = 3", line: 2, column: 1, containing: "expected ','")
        expectError("x = [1, 2", line: 1, column: 5, containing: "never closed")
        expectError("x = (1, 2]", line: 1, column: 10, containing: "does not match")
        expectError("x = 0x", line: 1, column: 5, containing: "number")
        expectError("x = 09", line: 1, column: 5, containing: "base-8")
        expectError("x = 12abc", line: 1, column: 7, containing: "invalid number")
        expectError("x = 1 $ 2", line: 1, column: 7, containing: "unexpected character")
        expectError("x = 99999999999999999999", line: 1, column: 5, containing: "too large")
    }

    @Test func evaluationErrors() {
        expectError("name = 'VM%d' % vmid", line: 1, column: 17, containing: "'vmid' is not defined")
        expectError("x = 'a' - 1", line: 1, column: 9, containing: "unsupported operand")
        expectError("x = 'a' + 1", line: 1, column: 9, containing: "unsupported operand")
        expectError("x = 1 / 0", line: 1, column: 7, containing: "division by zero")
        expectError("x = 1 % 0", line: 1, column: 7, containing: "division by zero")
        expectError("x = '%d %d' % (1,)", line: 1, column: 13, containing: "not enough arguments")
        expectError("x = '%d' % (1, 2)", line: 1, column: 10, containing: "not all arguments")
        expectError("x = '%d' % 'a'", line: 1, column: 10, containing: "number is required")
        expectError("x = 'abc' * 99999999999", line: 1, column: 5, containing: "too large")
        expectError("x = 9223372036854775807 + 1", line: 1, column: 25, containing: "overflow")
        expectError("x = [1]]", line: 1, column: 8, containing: "unmatched ']'")
    }

    @Test func statementShapes() {
        expectError("x 1", line: 1, column: 3, containing: "expected '='")
        expectError("x = ", line: 1, column: 5, containing: "expected a value")
        expectError("= 3", line: 1, column: 1, containing: "expected a setting name")
        expectError("x = 1 2", line: 1, column: 7, containing: "expected end of line")
        expectError("a, b = 1, 2", line: 1, column: 1, containing: "unpacking")
        expectError("True = 1", line: 1, column: 1, containing: "cannot assign")
        expectError("x = {1, 2}", line: 1, column: 6, containing: "sets are not supported")
    }

    @Test func dependentErrorsStayQuiet() {
        let (_, diags) = parse("a = 1 / 0\nb = a + 1\nc = b * 2\n")
        #expect(diags.errors.count == 1)
    }

    @Test func parsingContinuesAfterAnError() {
        let (file, diags) = parse("a = 'x' - 1\nb = 2\nimport os\nc = 3\n")
        #expect(diags.errors.count == 2)
        #expect(file.value("b")?.kind == .int(2))
        #expect(file.value("c")?.kind == .int(3))
        #expect(file.value("a") == nil)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "x = " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(firstError(deep)?.message.contains("nested too deeply") == true)
        let unary = "x = " + String(repeating: "-", count: 5000) + "1"
        #expect(firstError(unary)?.message.contains("nested too deeply") == true)
    }

    @Test func indentIsAWarning() {
        let (file, diags) = parse("  x = 1\n")
        #expect(!diags.hasErrors)
        #expect(diags.warnings.first?.message.contains("indent") == true)
        #expect(file.value("x")?.kind == .int(1))
    }
}

@Suite struct Rendering {
    @Test func compilerStyleWithCaret() {
        let (file, diags) = parse("memory = 512\nname = 'VM%d' % vmid\n")
        let text = diags.errors[0].rendered(in: file.source)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("t.cfg:2:17: error: name 'vmid' is not defined"))
        #expect(lines[1] == "    name = 'VM%d' % vmid")
        #expect(lines[2] == "                    ^~~~")
    }

    @Test func reprMatchesPython() {
        let (file, _) = parse("x = ['a', 1, (2,), {'k': None}, True, \"it's\"]")
        #expect(file.value("x")?.description == "['a', 1, (2,), {'k': None}, True, \"it's\"]")
    }
}

@Suite struct Helpers {
    @Test func referencedNamesAreRecorded() {
        let (file, _) = VMConfigParser.parse(path: "t", text: "repo = '/OVS'\nunused = 1\ndisk = [repo + '/a.img']\n")
        #expect(file.referencedNames == ["repo"])
    }

    /// Past 64 assignments names are found through an index rather than a scan: the same
    /// values, re-assignments and failed assignments as below it.
    @Test(arguments: [10, 200])
    func namesReadTheSameInLongFiles(_ filler: Int) {
        var text = "x = 1\nbad = 1\n"
        for k in 0..<filler { text += "f\(k) = \(k)\n" }
        text += "a = x\nx = 2\nb = x\nc = f0 + f\(filler - 1)\nbad = 1 / 0\nd = bad\nbad = 3\ne = bad\n"
        let (file, diags) = parse(text)
        #expect(file.value("a")?.kind == .int(1))
        #expect(file.value("b")?.kind == .int(2))
        #expect(file.value("c")?.kind == .int(filler - 1))
        #expect(file.value("d") == nil)  // read from a failed assignment: quiet, not set
        #expect(file.value("e")?.kind == .int(3))
        #expect(diags.errors.count == 1)  // the division only
    }
}

@Suite struct Sources {
    @Test func crlfFilesHaveTheirLines() {
        let source = SourceFile(path: "w.cfg", text: "a = 1\r\nb = 'x' - 1\r\n")
        #expect(source.lines.count == 3)
        #expect(source.line(2) == "b = 'x' - 1")
        let (file, diags) = VMConfigParser.parse(source)
        #expect(diags.errors.first?.rendered(in: file.source).hasPrefix("w.cfg:2:9: error") == true)
        #expect(diags.errors.first?.rendered(in: file.source).contains("    b = 'x' - 1\n") == true)
    }
}

@Suite struct FuzzerFindings {
    /// A stray character after an indented line start used to mark the end-of-file token as
    /// indented, and recovery after a block header looped forever on it.
    @Test func strayCharacterAtTheEndAfterABlockHeaderTerminates() {
        // Any stray character will do; a NUL would now stop the file before the lexer sees it.
        let (_, diags) = VMConfigParser.parse(path: "t", text: ":\n \u{1}")
        #expect(diags.errors.count == 2)
    }
}

extension FuzzerFindings {
    /// An empty string, list or tuple repeated a huge number of times took that many steps (a
    /// string) or an array of that many empty arrays (32 GB for a list): the result is empty.
    @Test func emptyValuesRepeatedHugelyAreEmptyAtOnce() {
        let (file, diags) = VMConfigParser.parse(
            path: "t", text: "a = 4 ** 16 * ''\nb = [] * 4 ** 16\nc = () * 2 ** 40\nd = 'x' * 0\n")
        #expect(!diags.hasErrors, "\(diags.items)")
        #expect(file.value("a")?.kind == .string(""))
        #expect(file.value("b")?.kind == .list([]))
        #expect(file.value("c")?.kind == .tuple([]))
        #expect(file.value("d")?.kind == .string(""))
    }

    /// A backslash before a lone CR counted a line the source did not have.
    @Test func backslashLoneCRInAStringIsNotANewLine() {
        let source = SourceFile(path: "t", text: "a = 1\nb = 'x\\\ry")
        let (_, diags) = VMConfigParser.parse(source)
        #expect(diags.errors.first?.range.start == SourceLocation(line: 2, column: 5))
        #expect(source.line(diags.errors.first!.range.start.line) != nil)
    }
}

extension FuzzerFindings {
    /// A non-integral power of a huge value recursed between pow and exp until the stack ran out.
    @Test func hugePowersSaturate() {
        let (file, diags) = VMConfigParser.parse(
            path: "t", text: "a = 1e300 ** 2.5\nb = 2.0 ** 1e300\nc = 0.5 ** 1e300\nd = 2 ** 0.5\n")
        #expect(!diags.hasErrors)
        #expect(file.value("a")?.kind == .float(.infinity))
        #expect(file.value("b")?.kind == .float(.infinity))
        #expect(file.value("c")?.kind == .float(0))
        if case .float(let r)? = file.value("d")?.kind {
            #expect(abs(r - 1.4142135623730951) < 1e-12)
        } else {
            Issue.record("d")
        }
    }
}

@Suite struct Keywords {
    /// The lexer's quick length-and-first-letter test must let every keyword through.
    @Test func everyKeywordIsRecognised() {
        for keyword in PythonKeyword.all {
            #expect(PythonKeyword.matches(ArraySlice(keyword.utf8)), "\(keyword)")
        }
    }

    @Test(arguments: [
        "a", "an", "ands", "memory", "disk", "vif", "name", "Import", "IF", "for_", "_if", "assertion", "nonlocals",
    ])
    func namesThatAreNoKeyword(_ name: String) {
        #expect(!PythonKeyword.matches(ArraySlice(name.utf8)))
    }
}

@Suite struct IdentifierBytes {
    /// The lexer's bit masks against the plain definition, for every byte.
    @Test func masksMatchTheDefinition() {
        for b in UInt8.min...UInt8.max {
            let letter = (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
            #expect(Byte.isIdentifierStart(b) == letter, "\(b)")
            #expect(Byte.isIdentifier(b) == (letter || (b >= 48 && b <= 57)), "\(b)")
        }
    }
}

@Suite struct ByteSearch {
    /// The word-at-a-time search against a plain loop, over many buffers (a fixed pseudo-random
    /// sequence: every length, start and position of the bytes sought, high bytes included).
    @Test func findsWhatAPlainLoopFinds() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        let alphabet: [UInt8] = [0x27, 0x22, 0x5C, 0x0A, 0x61, 0x2F, 0x00, 0x80, 0xFF, 0x26, 0x7C]
        for _ in 0..<3000 {
            let count = Int(next() % 40)
            // Mostly one filler byte, so the bytes sought are sparse and whole words get skipped.
            let bytes = (0..<count).map { _ in next() % 5 == 0 ? alphabet[Int(next()) % alphabet.count] : 0x61 }
            let start = count == 0 ? 0 : Int(next()) % (count + 1)
            let sought = (alphabet[Int(next()) % 4], alphabet[Int(next()) % 4], alphabet[Int(next()) % alphabet.count])
            var plain = start
            while plain < count, bytes[plain] != sought.0, bytes[plain] != sought.1, bytes[plain] != sought.2 {
                plain += 1
            }
            let found = bytes.withUnsafeBufferPointer {
                Byte.firstIndex(in: $0, from: start, of: sought.0, sought.1, sought.2)
            }
            #expect(found == plain, "\(bytes) from \(start) for \(sought)")
        }
    }
}
