import Foundation

/// The scripted first weeks of a learner on the embedded roadmap, for `roadmap demo`: every kind of
/// evidence appears once — trailers, hashtags, scopes, folders, DONE markers, a skip, a typo, a revert.
public enum DemoHistory {
    public struct Step: Sendable {
        public var files: [String: String]
        public var message: String
        /// Days after the first commit.
        public var day: Int
        /// Replaced by `This reverts commit <id of step N>.`, the way `git revert` words it.
        public var revertsStep: Int?
    }

    public static let author = (name: "Ada Learner", email: "ada@example.com")
    /// A fixed start, so every demo tells the same story.
    public static let start = Date(timeIntervalSince1970: 1_788_220_800)  // 2026-09-01

    public static let steps: [Step] = [
        Step(
            files: [".roadmap.yml": ConfigurationTemplate.text], message: "chore: start the Node.js backend roadmap",
            day: 0),
        Step(
            files: [
                "phase-1/01-event-loop/phases.js":
                    "setTimeout(() => console.log('timeout'));\nsetImmediate(() => console.log('immediate'));\n"
            ],
            message: "feat(event-loop): setTimeout vs setImmediate ordering", day: 1),
        Step(
            files: [
                "phase-1/01-event-loop/NOTES.md": "# Event loop\n\nTimers, pending callbacks, poll, check, close.\n"
            ],
            message: "docs: event loop notes\n\nRoadmap: done p1/event-loop", day: 2),
        Step(
            files: ["phase-1/02-libuv-thread-pool/pool.js": "process.env.UV_THREADPOOL_SIZE = 8;\n"],
            message: "wip #libuv-thread-pool: UV_THREADPOOL_SIZE experiments", day: 4),
        Step(
            files: ["phase-1/03-streams/upper.js": "const { Transform } = require('stream');\n"],
            message: "feat(streams): an upper-casing transform stream", day: 6),
        Step(
            files: [
                "phase-1/03-streams/DONE": "", "phase-1/04-buffers/encodings.js": "Buffer.from('héllo', 'latin1');\n",
            ],
            message: "finished #streams and #buffers", day: 8),
        Step(
            files: [
                "phase-1/05-process-module/signals.js": "process.on('SIGTERM', () => process.exit(0));\n",
                "phase-1/05-process-module/DONE.md": "Signals and exit codes done.\n",
            ],
            message: "Process module: signals and exit codes", day: 9),
        Step(files: [:], message: "wip #eror-handling: first try at a central error handler", day: 10),
        Step(
            files: ["phase-2/01-routing/app.js": "const router = require('express').Router();\n"],
            message: "feat(routing): nested routers", day: 12),
        Step(files: [:], message: "skipped #p2/production-features: we do this at work every day", day: 13),
        Step(
            files: ["phase-2/02-middlewares/auth.js": "module.exports = (req, res, next) => next();\n"],
            message: "completes #routing #middlewares", day: 15),
        Step(
            files: ["phase-2/03-request-lifecycle/trace.js": "app.use((req, res, next) => next());\n"],
            message: "done #request-lifecycle", day: 16),
        Step(
            files: ["phase-2/03-request-lifecycle/trace.js": "// rewritten tomorrow\n"],
            message: "Revert \"done #request-lifecycle\"", day: 17, revertsStep: 11),
    ]
}
