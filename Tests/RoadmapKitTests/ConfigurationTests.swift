import Testing
@testable import RoadmapKit

@Suite struct ConfigurationTests {
    @Test func theTemplateInitWritesLoadsToTheDefaults() throws {
        #expect(try ConfigurationLoader.load(ConfigurationTemplate.text) == Configuration())
    }

    @Test func anEmptyFileIsTheDefaults() throws {
        #expect(try ConfigurationLoader.load("") == Configuration())
        #expect(try ConfigurationLoader.load("# nothing\n") == Configuration())
    }

    @Test func everySettingIsRead() throws {
        let configuration = try ConfigurationLoader.load("""
            file: docs/ROADMAP.md
            progress: false
            marks:
              done: "🎉"
            phase_status:
              completed: "🏆 Done"
            items:
              p1/event-loop:
                aliases: [eventloop, "loop basics"]
                paths: "notes/loop/**"
            patterns:
              - regex: '^learned (?<ref>\\S+)'
                verb: done
              - '\\[(?<verb>\\w+)\\] (?<ref>\\S+)'
            hook:
              mode: commit
            """)
        #expect(configuration.trackerFile == "docs/ROADMAP.md")
        #expect(configuration.wording.showsProgress == false)
        #expect(configuration.wording.markDone == "🎉")
        #expect(configuration.wording.phaseCompleted == "🏆 Done")
        #expect(configuration.items == [.init(ref: "p1/event-loop", line: 8, aliases: ["eventloop", "loop basics"], paths: ["notes/loop/**"])])
        #expect(configuration.patterns.map(\.verb) == [.done, nil])
        #expect(configuration.hookMode == .commit)
    }

    @Test(arguments: [
        ("fiel: README.md", ".roadmap.yml:1: `fiel` is not a known setting"),
        ("marks:\n  finished: x", ".roadmap.yml:2: `marks.finished` is not a known setting"),
        ("progress: maybe", ".roadmap.yml:1: `progress` must be true or false"),
        ("hook:\n  mode: rebase", ".roadmap.yml:2: `hook.mode` must be amend, commit or worktree, not \"rebase\""),
        ("patterns:\n  - regex: '(?<ref>'\n    verb: done", ".roadmap.yml:2: `patterns.regex` is not a valid regular expression: (?<ref>"),
        ("patterns:\n  - regex: 'done (\\S+)'\n    verb: done", ".roadmap.yml:2: `patterns.regex` needs a named group (?<ref>…)"),
        ("patterns:\n  - regex: 'x (?<ref>\\S+)'", ".roadmap.yml:2: `patterns` needs a named group (?<verb>…) or a verb: key"),
        ("items:\n  p1/x:\n    path: a", ".roadmap.yml:3: `items.p1/x.path` is not a known setting"),
        ("file: [a, b]", ".roadmap.yml:1: `file` must be text"),
        ("progress_bar_width: 0", ".roadmap.yml:1: `progress_bar_width` must be between 1 and 100"),
    ])
    func badSettingsNameTheFileLineAndKey(yaml: String, message: String) {
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(yaml) }
        do { _ = try ConfigurationLoader.load(yaml) } catch { #expect("\(error)" == message) }
    }

    @Test func invalidYAMLIsOneSentenceWithItsLine() {
        do {
            _ = try ConfigurationLoader.load("file: README.md\nmarks: [a\n")
            Issue.record("no error")
        } catch let error as ConfigurationError {
            #expect(error.line != nil)
            #expect(error.description.hasPrefix(".roadmap.yml:"))
            #expect(error.description.contains("is not valid YAML"))
        } catch {
            Issue.record("\(error)")
        }
    }
}
