import Dispatch
import Foundation
@testable import RoadmapKit
import Testing

/// The hook's index skim waits for the gate the plan opens (Synchronizer.plan's `otherCoreFree`): it must
/// open whatever happens, and work waiting for it must not hold a thread.
@Suite struct GateTests {
    private func opens(_ gate: Gate, within seconds: Double) -> Bool {
        let waited = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            gate.wait()
            waited.signal()
        }
        return waited.wait(timeout: .now() + seconds) == .success
    }

    @Test func aPlanThatThrowsStillOpensTheGate() throws {
        let fixture = try TemporaryGitRepository()
        try fixture.commit("start\n")
        let repository = try GitRepository.open(at: fixture.directory, environment: fixture.confinedEnvironment)
        let workspace = try Workspace.load(root: repository.workingDirectory, file: "MISSING.md")
        let gate = Gate()
        #expect(throws: (any Error).self) {
            try Synchronizer.plan(
                workspace: workspace, repository: repository, cache: nil, treeRepository: nil, trace: nil, otherCoreFree: gate, cacheLoading: nil)
        }
        #expect(opens(gate, within: 10))
    }

    @Test func workAfterAGateRunsOnceItOpensAndOnlyThen() {
        let gate = Gate()
        let started = DispatchSemaphore(value: 0)
        let background = Background(after: gate) { () -> Int in
            started.signal()
            return 42
        }
        #expect(started.wait(timeout: .now() + 0.2) == .timedOut, "not before the gate opens")
        gate.open()
        gate.open()
        #expect(background.value == 42)
        #expect(opens(gate, within: 1))
    }
}
