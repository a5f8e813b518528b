#!/usr/bin/env python3
"""Writes a git fast-import stream for a synthetic learner repository.

  generate.py COMMITS FILES README [STYLE] | git fast-import

COMMITS commits on main, realistic subjects and bodies, and a HEAD tree of FILES files spread over phase
folders, item folders and code. STYLE says what the messages look like:
  default       every 50th commit carries roadmap evidence in one of the grammar's forms;
  conventional  every commit is `type(scope): ...`, and few scopes name an item (one in 50): the shape of
                angular-cli, where each scope naming no item is an unknown ref a sync must not fuss over;
  reverts       a trailer on every commit, and every 10th commit a `git revert` of an earlier one (git.git
                with trailers): what a revert cancels is looked up once per revert.
Deterministic: the same arguments give the same repository.
"""
import random
import re
import sys

commits, files, readme_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
style = sys.argv[4] if len(sys.argv) > 4 else "default"
assert style in ("default", "conventional", "reverts"), style
readme = open(readme_path, "rb").read()
rng = random.Random(20261125)
out = sys.stdout.buffer


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# Items from the overview table: (phase, slug).
items = []
for line in readme.decode().splitlines():
    m = re.match(r"\| Phase (\d+) \|[^|]*\|([^|]*)\|", line)
    if m:
        for part in m.group(2).split("<br>"):
            items.append((int(m.group(1)), slug(part.replace("•", ""))))

words = ("refactor handler module stream buffer request response cache queue worker cluster logger "
         "metrics token session schema index query migration router middleware config test fixture "
         "deploy pipeline container socket timeout retry backoff parser encoder payload").split()
verbs = ["finished #{}", "done #{}", "wip #{}", "Roadmap: done {}", "feat({}): first pass", "completes #p{}/{}"]


scopes = "api auth cli config core db deps docs http i18n infra logging router schema server test ui".split()


def conventional(n):
    kind = rng.choice(["fix", "feat", "chore", "docs", "test", "refactor", "perf", "build"])
    scope = slug_of(rng.choice(items)) if n % 50 == 0 else rng.choice(scopes)
    body = "\n".join(" ".join(rng.choices(words, k=rng.randint(8, 14))) for _ in range(rng.randint(1, 4)))
    return f"{kind}({scope}): {' '.join(rng.choices(words, k=rng.randint(3, 7)))}\n\n{body}\n".encode()


def slug_of(item):
    return item[1]


def revert_heavy(n):
    subject = f"{rng.choice(['fix', 'feat', 'chore'])}: {' '.join(rng.choices(words, k=rng.randint(3, 7)))}"
    if n % 10 == 0:
        # The reverted id: one of an earlier commit's form (fast-import cannot know the real ids ahead).
        target = "%040x" % rng.getrandbits(160)
        return f'Revert "{subject}"\n\nThis reverts commit {target}.\n'.encode()
    phase, item = rng.choice(items)
    verb = rng.choice(["start", "done", "start", "start"])
    return f"{subject}\n\nSigned-off-by: Ada Learner <ada@example.com>\nRoadmap: {verb} p{phase}/{item}\n".encode()


def message(n):
    if style == "conventional":
        return conventional(n)
    if style == "reverts":
        return revert_heavy(n)
    subject = f"{rng.choice(['fix', 'feat', 'chore', 'docs', 'test'])}: {' '.join(rng.choices(words, k=rng.randint(3, 7)))}"
    body = "\n".join(" ".join(rng.choices(words, k=rng.randint(8, 14))) for _ in range(rng.randint(1, 4)))
    text = subject + "\n\n" + body + "\n"
    if n % 50 == 0:
        phase, item = rng.choice(items)
        form = rng.choice(verbs)
        if form.startswith("feat("):
            text = form.format(item) + "\n\n" + body + "\n"
        elif form.startswith("completes"):
            text += "\n" + form.format(phase, item) + "\n"
        elif form.startswith("Roadmap"):
            text += "\n" + form.format(f"p{phase}/{item}") + "\n"
        else:
            text += "\n" + form.format(item) + "\n"
    return text.encode()


def emit_data(data):
    out.write(b"data %d\n" % len(data))
    out.write(data)
    out.write(b"\n")


out.write(b"blob\nmark :1\n")
emit_data(b"console.log('synthetic file');\n")
out.write(b"blob\nmark :2\n")
emit_data(readme)

files_per_commit = files / commits
made = 0
clock = 1_700_000_000
for n in range(1, commits + 1):
    clock += rng.randint(60, 3600)
    out.write(b"commit refs/heads/main\nmark :%d\n" % (n + 10))
    out.write(b"author Ada Learner <ada@example.com> %d +0000\n" % clock)
    out.write(b"committer Ada Learner <ada@example.com> %d +0000\n" % clock)
    emit_data(message(n))
    if n == 1:
        out.write(b"M 100644 :2 README.md\n")
    target = int(n * files_per_commit)
    while made < target:
        if made % 10 == 0:
            phase, item = items[(made // 10) % len(items)]
            path = f"phase-{phase}/{(made // 10) % 9 + 1:02d}-{item}/note-{made}.md"
            if made % 970 == 0:
                path = f"phase-{phase}/{(made // 10) % 9 + 1:02d}-{item}/DONE"
        else:
            path = f"src/module-{made % 997}/part-{made // 997}/file-{made}.js"
        out.write(b"M 100644 :1 %s\n" % path.encode())
        made += 1
    out.write(b"\n")
