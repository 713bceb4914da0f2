#!/usr/bin/env python3
"""Runs the README's tour as written and compares what it prints with what the README shows.

Every ```console block of README.md is part of the tour, in order. In a block, a line starting
with "$ " is a command (a trailing backslash continues it on the next line); the lines up to the
next command are what it prints, stdout and stderr together. In those lines "…" stands for any
text within the line (times, generated IDs, paths); everything else must match exactly, line for
line (trailing spaces aside). A command ending in "&" runs in the background and is not compared.

The commands run in one bash, in the repository, with the built binaries first on PATH, against
a daemon whose data directory and socket are a fresh temporary directory (CONVD_DATA_DIR), and
with CONVCTL_OUTPUT=table so that convctl prints what a terminal shows.

  readme_tour.py            run and compare; exit 1 on the first difference
  readme_tour.py --record   run and print what each command printed (to write the README)
"""
import os
import re
import subprocess
import sys
import tempfile
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def blocks(text):
    """Each console block as a list of (command, expected lines)."""
    out = []
    for body in re.findall(r"^```console\n(.*?)^```", text, re.S | re.M):
        steps, command, expected = [], None, []
        lines = body.split("\n")[:-1]
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("$ "):
                if command is not None:
                    steps.append((command, expected))
                command, expected = line[2:], []
                while command.endswith("\\") and i + 1 < len(lines):
                    i += 1
                    command = command + "\n" + lines[i]  # bash joins backslash-newline itself
            else:
                expected.append(line)
            i += 1
        if command is not None:
            steps.append((command, expected))
        out.append(steps)
    return out


def lines_match(patterns, lines):
    """Whether `lines` match `patterns`, a line of "…" matching any number of lines."""
    memo = {}

    def at(i, j):
        if (i, j) not in memo:
            if i == len(patterns):
                memo[(i, j)] = j == len(lines)
            elif patterns[i].strip() == "…":
                memo[(i, j)] = any(at(i + 1, k) for k in range(j, len(lines) + 1))
            else:
                memo[(i, j)] = j < len(lines) and matches(patterns[i], lines[j]) and at(i + 1, j + 1)
        return memo[(i, j)]
    return at(0, 0)


def matches(pattern, line):
    regex = "^" + ".*?".join(re.escape(part) for part in pattern.rstrip().split("…")) + "$"
    return re.match(regex, line.rstrip()) is not None


class Shell:
    """One bash; each command's output is read up to a marker carrying its exit status."""

    def __init__(self, env):
        self.proc = subprocess.Popen(["bash", "--noprofile", "--norc"], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)

    def run(self, command):
        marker = "__tour_" + uuid.uuid4().hex
        if command.rstrip().endswith("&"):
            script = f"( {command.rstrip()[:-1]} ) >> \"$CONVD_DATA_DIR/background.log\" 2>&1 &\necho {marker} $?\n"
        else:
            # The echo ends a last line printed without a newline (curl's JSON), which would
            # otherwise hide the marker; the empty line it adds after a complete one is dropped.
            script = f"{command}\n__tour_status=$?; echo; echo {marker} $__tour_status\n"
        self.proc.stdin.write(script)
        self.proc.stdin.flush()
        lines = []
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"bash ended while running: {command}")
            if line.startswith(marker):
                if not command.rstrip().endswith("&") and lines and lines[-1] == "":
                    lines.pop()
                return lines, int(line.split()[1])
            lines.append(line.rstrip("\n"))

    def close(self):
        self.proc.stdin.write("kill %1 2>/dev/null; wait\nexit\n")
        self.proc.stdin.flush()
        self.proc.wait(timeout=30)


def main():
    record = "--record" in sys.argv
    readme = open(os.path.join(ROOT, "README.md")).read()
    bin_dir = os.environ.get("CONVD_BIN_DIR") or os.path.join(ROOT, ".build", "debug")
    data = tempfile.mkdtemp(prefix="convd-tour-")
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"], CONVD_DATA_DIR=data,
               CONVD_SOCKET=os.path.join(data, "convd.sock"), CONVCTL_OUTPUT="table", TZ="UTC")
    shell = Shell(env)
    failures = 0
    count = 0
    try:
        for block in blocks(readme):
            for command, expected in block:
                count += 1
                got, status = shell.run(command)
                if record:
                    print("$ " + command)
                    print("\n".join(got) + ("\n" if got else ""), end="")
                    continue
                ok = lines_match(expected, got)
                if not ok:
                    failures += 1
                    print(f"README tour: `{command}` (exit {status}) printed:\n" + "\n".join("  | " + g for g in got)
                          + "\nbut the README shows:\n" + "\n".join("  | " + e for e in expected), file=sys.stderr)
                    break
            if failures:
                break
    finally:
        shell.close()
        log = os.path.join(data, "background.log")
        if failures and os.path.exists(log):
            print("daemon output:\n" + open(log).read(), file=sys.stderr)
        subprocess.run(["rm", "-rf", data])
    if not record:
        print(f"README tour: {count} commands run" + ("" if failures == 0 else ", a difference found"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
