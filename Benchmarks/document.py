#!/usr/bin/env python3
"""The document engine's benchmark pages, and the BENCHMARKS.md section made from their timings.

  document.py tasks N         a task list of N items: `## Phase P` › `### Week W` › 20 tasks each
  document.py table N         status tables of N rows: one `### Phase P` table of 50 rows each
  document.py report RESULTS  the section, from hyperfine's JSON files in RESULTS
"""
import json
import os
import sys

STATES = ["Done", "In Progress", "Not Started", "Not Started"]


def tasks(count):
    lines = ["# Study plan", ""]
    for index in range(count):
        if index % 100 == 0:
            lines += [f"## Phase {index // 100 + 1}", ""]
        if index % 20 == 0:
            lines += [f"### Week {index % 100 // 20 + 1}", ""]
        mark = "x" if index % 3 == 0 else " "
        lines.append(f"- [{mark}] Topic {index + 1} of the plan")
        if index % 20 == 19:
            lines.append("")
    return "\n".join(lines) + "\n"


def table(count):
    lines = ["# Course log", ""]
    for index in range(count):
        if index % 50 == 0:
            lines += ["", f"### Phase {index // 50 + 1}", "", "| Topic | Status | Notes |", "|-------|--------|-------|"]
        lines.append(f"| Lesson {index + 1} | {STATES[index % 4]} | page {index % 300} |")
    return "\n".join(lines) + "\n"


def report(results):
    def row(name, command):
        with open(os.path.join(results, name + ".json")) as f:
            return {r["command"]: r for r in json.load(f)["results"]}[command]

    def median(name, command):
        return row(name, command)["median"] * 1000

    def cpu(name, command):
        found = row(name, command)
        return (found["user"] + found["system"]) * 1000

    startup = median("document-startup", "roadmap --version")
    out = [
        "<!-- document-bench -->",
        "## The document engine: parse + render",
        "",
        "`bash Benchmarks/document.sh` (run by `make bench`): `roadmap sync --dry-run --no-cache` on a repository",
        "whose README is the generated page (one commit, one evidence line), so the time is reading the page with",
        "cmark-gfm, choosing the tracker and rendering it. `cmark-gfm -e table -e tasklist` rendering the same page",
        "to HTML is GitHub's parser alone, beside it. Times are hyperfine's medians, which a burst of noise from the",
        "host moves less than a mean. The doubling ratio is the 2× page's time over the 1× page's, in wall time and",
        "in CPU time (user + system, means), which another process on the two cores does not inflate;",
        "startup-subtracted takes `roadmap --version` "
        f"({startup:.1f} ms) off both first.",
        "",
        "| page | roadmap | cmark-gfm alone | roadmap ÷ cmark-gfm |",
        "|------|---------|-----------------|---------------------|",
    ]
    startup_cpu = cpu("document-startup", "roadmap --version")
    doubling = []
    for kind, sizes, unit in (("tasks", (10000, 20000), "task items"), ("table", (5000, 10000), "status-table rows")):
        times, cpus = [], []
        for size in sizes:
            name = f"document-{kind}-{size}"
            ours = median(name, f"roadmap {kind} {size}")
            theirs = median(name, f"cmark-gfm {kind} {size}")
            times.append(ours)
            cpus.append(cpu(name, f"roadmap {kind} {size}"))
            out.append(f"| {size:,} {unit} | {ours:.1f} ms | {theirs:.1f} ms | {ours / theirs:.2f}× |")
        raw = times[1] / times[0]
        net = (times[1] - startup) / (times[0] - startup)
        cpu_raw = cpus[1] / cpus[0]
        cpu_net = (cpus[1] - startup_cpu) / (cpus[0] - startup_cpu)
        doubling.append(f"| {unit}, {sizes[0]:,} → {sizes[1]:,} | {raw:.2f}× | {net:.2f}× | {cpu_raw:.2f}× | {cpu_net:.2f}× | ≤ 2.2× |")
    out += ["", "| doubling the page | wall | wall, startup-subtracted | CPU | CPU, startup-subtracted | target |",
            "|---|---|---|---|---|---|"] + doubling
    out += ["<!-- /document-bench -->"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "tasks":
        sys.stdout.write(tasks(int(sys.argv[2])))
    elif kind == "table":
        sys.stdout.write(table(int(sys.argv[2])))
    elif kind == "report":
        sys.stdout.write(report(sys.argv[2]))
    else:
        sys.exit(f"unknown page kind {kind}")
