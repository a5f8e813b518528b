/// The commented `.roadmap.yml` that `roadmap init` writes: every option, each set to its default,
/// so that loading it unchanged gives exactly `Configuration()` (a test holds it to that).
public enum ConfigurationTemplate {
    public static let text = #"""
        # roadmap configuration. Every key is optional; the values below are the defaults.
        # Docs: README.md of the roadmap tool, section "Configuration".

        # The Markdown file whose tracker `roadmap sync` rewrites, relative to the repository root.
        file: README.md

        # One overall progress line between <!-- roadmap:progress --> and <!-- /roadmap:progress -->,
        # inserted once just above the overview table. {bar} {done} {total} {percent} are filled in.
        progress: true
        progress_line: "**Progress:** {bar} {done}/{total} done ({percent}%)"
        progress_bar_width: 12

        # Words of the overview Status cells. " (done/total)" is appended to in_progress.
        # Cells are recognised by their words whatever their emoji, so changing these is safe.
        phase_status:
          not_started: "⏳ Not Started"
          in_progress: "🚧 In Progress"
          completed: "✅ Completed"

        # The mark in front of each sub topic in the overview's Sub Topics cells.
        marks:
          not_started: "•"
          in_progress: "🚧"
          done: "✅"
          skipped: "⏭️"

        # Status cells of phase section tables that have a Status column.
        row_status:
          not_started: "⏳ Not Started"
          in_progress: "🚧 In Progress"
          done: "✅ Done"
          skipped: "⏭️ Skipped"

        # When the page holds more than one tracker, the text of the heading over the one to use
        # (`roadmap status` and `roadmap lint` say which was picked and what else was seen).
        # tracker: "Overall Progress Tracker"
        # The header of the status column, when a table has more than one that could be it.
        # status_column: Status
        # The heading level whose headings are the phases of task lists and status tables (1-6).
        # phase_level: 2

        # More words for each state in status cells, beside the built-in English, Portuguese, Spanish,
        # French, German, Korean, Chinese, Japanese, Russian and Vietnamese ones.
        status_words:
          # done: ["nailed it"]
          # in_progress: [struggling]

        # Per-item extras, keyed by item id (see `roadmap status --json` for the ids).
        # aliases: more names commits may use; paths: globs whose files count as work on the item.
        items:
          # p1/event-loop:
          #   aliases: [eventloop, "event loop basics"]
          #   paths: ["notes/event-loop/**", "labs/loop-*.js"]

        # Extra commit-message rules: a regex with a named group `ref`, and a named group `verb`
        # (done, start, skip, reopen and their forms) or a fixed `verb:`.
        patterns:
          # - regex: '^learned (?<ref>[\w/-]+)'
          #   verb: done
          # - regex: '\[(?<verb>done|wip)\] (?<ref>[\w/-]+)'

        # Pictures of the progress, made from the same evidence (paths relative to the repository root).
        # When set, `roadmap sync` rewrites them when they change and links them from the progress block:
        # badge: a shields-style "roadmap | 29%" badge; chart: a burn-up chart of finished items over time.
        # badge: docs/roadmap-badge.svg
        # chart: docs/roadmap-chart.svg
        badge_label: roadmap

        # The days `roadmap status`, the chart's projection and `roadmap cohort` average the pace over.
        pace_window: 28

        # Kinds of `roadmap lint` finding not to report. The embedded roadmap's phase tables detail more
        # rows than its overview lists, by design; remove this line to see where they differ.
        lint:
          ignore: [item-without-row, row-without-item, count-mismatch]

        # The post-commit hook installed by `roadmap hook install`:
        # amend (fold the tracker into the commit just made), commit (a separate commit), worktree (only write).
        hook:
          mode: amend

        """#
}
