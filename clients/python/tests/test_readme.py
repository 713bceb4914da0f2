"""The README's connector example is the file CI runs, and it does what the README says."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
EXAMPLE = os.path.join(PACKAGE, "examples", "connector.py")


def test_the_readme_shows_the_example_verbatim():
    with open(os.path.join(PACKAGE, "README.md")) as f, open(EXAMPLE) as g:
        assert g.read() in f.read()


def test_the_example_runs_twice_with_the_same_figures(convd_socket):
    env = dict(os.environ, CONVD_SOCKET=convd_socket, PYTHONPATH=PACKAGE)
    runs = [subprocess.run([sys.executable, EXAMPLE], env=env, capture_output=True, text=True, timeout=60)
            for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
    with open(os.path.join(PACKAGE, "README.md")) as f:
        readme = f.read()
    shown = readme.split("Its output:\n\n```text\n")[1].split("```")[0]
    assert runs[0].stdout == shown and runs[1].stdout == shown
