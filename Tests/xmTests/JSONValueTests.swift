import Foundation
import Testing
import xm

// Foundation stays out of the xm binary (start-up time), so xm writes its JSON itself; here
// Foundation's parser is the independent reference the output is checked against.

@Suite("JSON without Foundation")
struct JSONValueTests {
    @Test func stringsSurviveARoundTripThroughFoundationsParser() throws {
        let awkward = "a \"quoted\" \\ back\\slash\nnew line\ttab \u{1} \u{1f} é 日本 🐧"
        let text = JSONValue.object([
            "name": .string(awkward), "n": .int(-3), "x": .double(0.25),
            "none": .null, "list": .array([.bool(true), .array([]), .object([:])]),
        ]).rendered()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["name"] as? String == awkward)
        #expect(parsed["n"] as? Int == -3)
        #expect(parsed["x"] as? Double == 0.25)
        #expect(parsed["none"] is NSNull)
        #expect((parsed["list"] as? [Any])?.count == 3)
    }

    @Test func keysAreSortedAndIndentedTwoSpaces() {
        let text = JSONValue.object(["b": .int(1), "a": .array([.int(2)])]).rendered()
        #expect(text == "{\n  \"a\": [\n    2\n  ],\n  \"b\": 1\n}")
    }

    @Test func nonFiniteNumbersBecomeNull() {
        #expect(JSONValue.double(.infinity).rendered() == "null")
        #expect(JSONValue.double(.nan).rendered() == "null")
    }
}
