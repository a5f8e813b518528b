"""The parts of BENCHMARKS.md that document.sh and cohort.sh write, between <!-- NAME-bench --> markers.
  sections.py put NAME < SECTION   replaces NAME's section (or appends it) with SECTION, markers included
  sections.py carry OLD            appends every marked section of the file OLD: run.sh rewrites the rest
"""
import re
import sys

PATH = "BENCHMARKS.md"


def pattern(name):
    return re.compile(rf"<!-- {name}-bench -->.*?<!-- /{name}-bench -->\n?", re.S)


def read(path):
    try:
        return open(path).read()
    except FileNotFoundError:
        return ""


def put(name, section):
    section = section.rstrip("\n") + "\n"
    text = read(PATH)
    found = pattern(name)
    text = found.sub(lambda _: section, text) if found.search(text) else text.rstrip("\n") + "\n\n" + section
    open(PATH, "w").write(text)


if __name__ == "__main__":
    if sys.argv[1] == "put":
        put(sys.argv[2], sys.stdin.read())
    elif sys.argv[1] == "carry":
        marked = re.compile(r"<!-- ([a-z]+)-bench -->.*?<!-- /\1-bench -->\n?", re.S)
        for match in marked.finditer(read(sys.argv[2])):
            put(match.group(1), match.group(0))
    else:
        sys.exit(__doc__)
