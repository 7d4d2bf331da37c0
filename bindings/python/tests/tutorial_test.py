"""Runs the tutorial of docs/python.md as it is written.

    tutorial_test.py PIPECAST_CLI DOCS_PYTHON_MD

In a temporary folder: makes the tutorial's book with the `pipecast synth`
command the tutorial shows (its one line that starts so), links the Maven
export there as `maven-crm` when PIPECAST_SHARED_DATA holds it, then runs
every ```python block of the "## Tutorial" section, in order, in one
namespace.  The blocks under "### The Maven export" run only with that
export, and the test says when it skipped them.  A block that raises (or
whose assert fails) fails the test, with a traceback whose file and line
are the block's in the Markdown file.
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Tuple

SECTION = "## Tutorial"
MAVEN_SECTION = "### The Maven export"


def tutorial(markdown: str) -> Tuple[int, List[str]]:
    """The Tutorial section's first line number (1-based) and its lines."""
    lines = markdown.split("\n")
    start = lines.index(SECTION)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start + 1, lines[start:end]


def blocks(first_line: int, lines: List[str]) -> List[Tuple[int, str, bool]]:
    """(line of the block's first code line, code, under the Maven heading)."""
    found = []
    maven = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("### "):
            maven = line.strip() == MAVEN_SECTION
        if line.strip() == "```python":
            j = next(k for k in range(i + 1, len(lines)) if lines[k].strip() == "```")
            found.append((first_line + i + 1, "\n".join(lines[i + 1:j]) + "\n", maven))
            i = j
        i += 1
    return found


def main() -> int:
    cli, markdown_path = sys.argv[1], Path(sys.argv[2]).resolve()
    first_line, lines = tutorial(markdown_path.read_text(encoding="utf-8"))
    code = blocks(first_line, lines)
    synth = [line for line in lines if line.startswith("pipecast synth ")]
    if len(synth) != 1 or not code or not any(maven for _, _, maven in code):
        print("FAIL: %s: the Tutorial section needs one `pipecast synth` line, python blocks and a %r subsection "
              "(found %d synth lines, %d blocks)" % (markdown_path, MAVEN_SECTION, len(synth), len(code)))
        return 1
    maven_data = Path(os.environ.get("PIPECAST_SHARED_DATA", "/nonexistent")) / "maven-crm-sales-opportunities"
    have_maven = (maven_data / "sales_pipeline.csv").is_file()

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pipecast-tutorial-") as folder:
        arguments = shlex.split(synth[0].split("#")[0])[1:]
        subprocess.run([cli] + arguments, cwd=folder, check=True)
        if have_maven:
            os.symlink(maven_data, os.path.join(folder, "maven-crm"))
        namespace = {"__name__": "__tutorial__"}
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            ran = skipped = 0
            for line, source, maven in code:
                if maven and not have_maven:
                    skipped += 1
                    continue
                # Blank lines before the code: a traceback names the block's
                # own lines of the Markdown file.
                compiled = compile("\n" * (line - 1) + source, str(markdown_path), "exec")
                exec(compiled, namespace)
                ran += 1
        finally:
            os.chdir(cwd)
    if skipped:
        print("SKIP: %d block(s) of %r: no Maven export in %s" % (skipped, MAVEN_SECTION, maven_data))
    print("tutorial: %d python blocks ran in %.2f s" % (ran, time.monotonic() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
