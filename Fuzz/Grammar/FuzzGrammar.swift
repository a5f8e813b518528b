// libFuzzer target for the commit grammar and ref resolution: `make fuzz`. Without -DFUZZING it builds
// as a replay tool (`roadmap-fuzz-grammar FILE…`).
import RoadmapKit

let roadmap = try! TrackerDocument(bytes: Array(EmbeddedRoadmap.markdown.utf8)).roadmap
let resolver = RefResolver(roadmap: roadmap)
let grammar = CommitGrammar()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGrammar(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkMessage(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// Invariants: no crash on any bytes; every ref found is text of the message; reading is deterministic;
/// every ref resolves to an answer (item, unknown or ambiguous) without trapping.
func checkMessage(_ bytes: [UInt8]) {
    let message = String(decoding: bytes, as: UTF8.self)
    let reading = grammar.read(message)
    precondition(reading == grammar.read(message), "the grammar is not deterministic")
    for mention in reading.mentions {
        precondition(message.contains(mention.ref), "a ref that is not in the message: \(mention.ref)")
        switch resolver.resolve(mention.ref) {
        case .item(let id): precondition(roadmap.item(id) != nil)
        case .unknown, .ambiguous: break
        }
    }
    _ = TerminalText.escaped(message)
}

#if FUZZING
// SwiftPM links an executable's entry point as `<module>_main`; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("roadmap_fuzz_grammar_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, { data, size in fuzzGrammar(data, size) })
}
#else
@main
struct ReplayGrammar {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            checkMessage(try LocalFiles().read(path))
            print("ok \(path)")
        }
    }
}
#endif
