import Testing

@testable import RoadmapKit

@Suite struct ConfigurationTests {
    /// Everything but `lint.ignore`, which silences the embedded roadmap's by-design differences between its
    /// overview and its phase tables, so that a fresh `roadmap init` lints clean.
    @Test func theTemplateInitWritesLoadsToTheDefaults() throws {
        var expected = Configuration()
        expected.lintIgnore = [.itemWithoutRow, .rowWithoutItem, .countMismatch]
        #expect(try ConfigurationLoader.load(ConfigurationTemplate.text) == expected)
    }

    @Test func thePaceWindowIsRead() throws {
        #expect(try ConfigurationLoader.load("pace_window: 14").paceWindow == 14)
        #expect(try ConfigurationLoader.load("").paceWindow == 28)
    }

    @Test func theDocumentSettingsAreRead() throws {
        let configuration = try ConfigurationLoader.load(
            """
            tracker: Learning log
            status_column: Estado
            phase_level: 3
            status_words:
              done: ["nailed it", "crushed"]
              skipped: n/a later
            lint:
              ignore: [other-candidate]
            """)
        #expect(
            configuration.document == DocumentOptions(tracker: "Learning log", statusColumn: "Estado", phaseLevel: 3))
        #expect(configuration.wording.extraStatusWords == [.done: ["nailed it", "crushed"], .skipped: ["n/a later"]])
        #expect(configuration.wording.recognizeStatus("Crushed 💪") == .done)
        #expect(configuration.lintIgnore == [.otherCandidate])
    }

    @Test(arguments: [
        ("phase_level: 9\n", ".roadmap.yml:1: `phase_level` must be a heading level from 1 to 6"),
        ("status_words:\n  finished: [yay]\n", ".roadmap.yml:2: `status_words.finished` is not a known setting"),
        ("lint:\n  ignore: [typo]\n", ".roadmap.yml:2: `lint.ignore` names no kind of finding: \"typo\""),
        ("lint:\n  skip: []\n", ".roadmap.yml:2: `lint.skip` is not a known setting"),
        ("tracker: \"\"\n", ".roadmap.yml:1: `tracker` must name a heading"),
    ])
    func badDocumentSettingsNameTheirLine(text: String, message: String) {
        #expect {
            try ConfigurationLoader.load(text)
        } throws: { error in
            (error as? ConfigurationError)?.description.hasPrefix(message) == true
        }
    }

    @Test func anEmptyFileIsTheDefaults() throws {
        #expect(try ConfigurationLoader.load("") == Configuration())
        #expect(try ConfigurationLoader.load("# nothing\n") == Configuration())
    }

    @Test func everySettingIsRead() throws {
        let configuration = try ConfigurationLoader.load(
            """
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
        #expect(
            configuration.items == [
                .init(ref: "p1/event-loop", line: 8, aliases: ["eventloop", "loop basics"], paths: ["notes/loop/**"])
            ])
        #expect(configuration.patterns.map(\.verb) == [.done, nil])
        #expect(configuration.hookMode == .commit)
    }

    @Test(arguments: [
        ("fiel: README.md", ".roadmap.yml:1: `fiel` is not a known setting"),
        ("marks:\n  finished: x", ".roadmap.yml:2: `marks.finished` is not a known setting"),
        ("progress: maybe", ".roadmap.yml:1: `progress` must be true or false"),
        ("hook:\n  mode: rebase", ".roadmap.yml:2: `hook.mode` must be amend, commit or worktree, not \"rebase\""),
        (
            "patterns:\n  - regex: '(?<ref>'\n    verb: done",
            ".roadmap.yml:2: `patterns.regex` is not a valid regular expression: (?<ref>"
        ),
        (
            "patterns:\n  - regex: 'done (\\S+)'\n    verb: done",
            ".roadmap.yml:2: `patterns.regex` needs a named group (?<ref>…)"
        ),
        (
            "patterns:\n  - regex: 'x (?<ref>\\S+)'",
            ".roadmap.yml:2: `patterns` needs a named group (?<verb>…) or a verb: key"
        ),
        ("items:\n  p1/x:\n    path: a", ".roadmap.yml:3: `items.p1/x.path` is not a known setting"),
        ("file: [a, b]", ".roadmap.yml:1: `file` must be text"),
        ("progress_bar_width: 0", ".roadmap.yml:1: `progress_bar_width` must be between 1 and 100"),
        ("pace_window: 0", ".roadmap.yml:1: `pace_window` must be a number of days from 1 to 365"),
        ("\npace_window: 366", ".roadmap.yml:2: `pace_window` must be a number of days from 1 to 365"),
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
