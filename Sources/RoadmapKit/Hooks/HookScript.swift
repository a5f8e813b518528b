/// The shell scripts `roadmap hook install` writes. Short and readable on purpose: a user who opens
/// `.git/hooks/post-commit` should see at a glance what runs and how to remove it.
public enum HookScript {
    /// Marks a script as ours, so installing twice changes nothing and uninstall knows what to remove.
    public static let marker = "# roadmap-managed-hook"

    public enum Kind: String, Sendable, CaseIterable {
        case postCommit = "post-commit"
        case commitMessage = "commit-msg"
    }

    /// The name a hook that was already there is kept under, and still run from.
    public static func preservedName(_ kind: Kind) -> String { "\(kind.rawValue).pre-roadmap" }

    /// The folder is taken from `$0` by the shell itself: `$(dirname "$0")` would start a process on every
    /// commit (1.5 ms of the hook's cost).
    /// - Parameter installedFrom: the absolute path of the binary that installed the hook, used when
    ///   `roadmap` is not on PATH (nil for the copies under `hooks/` in this repository).
    public static func text(
        _ kind: Kind, mode: Configuration.HookMode? = nil, strict: Bool = false, installedFrom: String? = nil
    ) -> String {
        let consequence = kind == .postCommit ? "tracker not synced" : "message not checked"
        let locate: String
        if let installedFrom {
            locate = """
                roadmap_bin=$(command -v roadmap 2>/dev/null) || roadmap_bin=\(shellQuoted(installedFrom))
                if [ ! -x "$roadmap_bin" ]; then
                    echo "roadmap: hook: roadmap is neither on PATH nor at \(installedFrom); \(consequence)" >&2
                    exit 0
                fi
                """
        } else {
            locate = """
                roadmap_bin=$(command -v roadmap 2>/dev/null) || {
                    echo "roadmap: hook: roadmap is not on PATH; \(consequence)" >&2
                    exit 0
                }
                """
        }
        switch kind {
        case .postCommit:
            return """
                #!/bin/sh
                \(marker)
                # Syncs the roadmap tracker after each commit (mode: \(mode?.rawValue ?? "hook.mode of .roadmap.yml, else amend")). It never fails a commit.
                # Installed by `roadmap hook install`; `roadmap hook uninstall` restores what was here before.
                case $0 in */*) hook_dir=${0%/*} ;; *) hook_dir=. ;; esac
                if [ -x "$hook_dir/\(preservedName(.postCommit))" ]; then
                    "$hook_dir/\(preservedName(.postCommit))" "$@"
                fi
                # The commit roadmap's own amend makes: nothing more to sync.
                [ -n "$\(HookRunner.guardVariable)" ] && exit 0
                \(locate)
                "$roadmap_bin" hook run\(mode.map { " --mode \($0.rawValue)" } ?? "") || true
                exit 0

                """
        case .commitMessage:
            return """
                #!/bin/sh
                \(marker)
                # Checks the refs a commit message names against the roadmap\(strict ? " and refuses unknown ones" : "; it only warns").
                # Installed by `roadmap hook install --commit-msg`; `roadmap hook uninstall --commit-msg` restores what was here before.
                case $0 in */*) hook_dir=${0%/*} ;; *) hook_dir=. ;; esac
                if [ -x "$hook_dir/\(preservedName(.commitMessage))" ]; then
                    "$hook_dir/\(preservedName(.commitMessage))" "$@" || exit $?
                fi
                \(locate)
                \(strict ? "exec \"$roadmap_bin\" hook check-message --strict \"$1\"" : "\"$roadmap_bin\" hook check-message \"$1\" || true")

                """
        }
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
