// libFuzzer target for the document engine: `make fuzz`. Without -DFUZZING it builds as a replay tool
// (`roadmap-fuzz-document FILE…`) that runs the same checks on saved inputs.
import RoadmapKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocument(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkDocument(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// Invariants: parsing never crashes; rendering the statuses a document shows is a fixed point (a
/// derived cell that disagreed with its items may be corrected once, never again); rendering other
/// statuses reads back as those statuses and is stable on a second render.
func checkDocument(_ bytes: [UInt8]) {
    var wording = Wording()
    wording.showsProgress = false
    guard let document = try? TrackerDocument(bytes: bytes, wording: wording) else { return }
    let shown = document.roadmap.documentStatuses
    let settled = document.rendered(shown)
    guard let reread = try? TrackerDocument(bytes: settled, wording: wording) else {
        preconditionFailure("a rendered document no longer parses")
    }
    precondition(reread.roadmap.items.map(\.id) == document.roadmap.items.map(\.id), "rendering changed the items")
    precondition(reread.roadmap.documentStatuses == shown, "rendering the shown statuses changed them")
    precondition(reread.rendered(shown) == settled, "render(parse(render(x))) != render(x)")
    if document.roadmap.items.isEmpty { precondition(settled == bytes) }
    var statuses: [ItemID: ItemStatus] = [:]
    for (index, item) in document.roadmap.items.enumerated() {
        statuses[item.id] = ItemStatus.allCases[(index + bytes.count) % ItemStatus.allCases.count]
    }
    let output = document.rendered(statuses)
    guard let again = try? TrackerDocument(bytes: output, wording: wording) else {
        preconditionFailure("a rendered document no longer parses")
    }
    precondition(again.rendered(statuses) == output, "a second render changed the document")
    _ = Linter.problems(in: document)
    _ = try? Linter.fixed(document)
}

#if FUZZING
// SwiftPM links an executable's entry point as `<module>_main`; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("roadmap_fuzz_document_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, { data, size in fuzzDocument(data, size) })
}
#else
@main
struct ReplayDocument {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            checkDocument(try LocalFiles().read(path))
            print("ok \(path)")
        }
    }
}
#endif
