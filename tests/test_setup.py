"""The setup around the suite: .ci/system-deps and the Hypothesis profiles.

.ci/system-deps runs against stub commands in a folder that is the whole PATH:
`id` says who we are, `apt-get` records its calls (and "installs" a stub), and
`chromium` and `npm` exist or not. Nothing is installed for real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / ".ci" / "system-deps"
SH = shutil.which("sh") or "/bin/sh"
CHMOD = shutil.which("chmod") or "/bin/chmod"
BASH = shutil.which("bash") or "/bin/bash"
APT_GET = f"""#!{SH}
echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND apt-get $*" >> "$CALLS"
if [ "$1" = install ]; then
  [ -n "$APT_FAILS" ] && exit 100
  for package; do
    case $package in
      chromium|npm) printf '#!{SH}\\n' > "$STUBS/$package"; {CHMOD} +x "$STUBS/$package" ;;
    esac
  done
fi
exit 0
"""


def stub(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)


def run_system_deps(
    tmp_path: Path,
    *,
    have: tuple[str, ...],
    uid: int,
    apt: bool = True,
    apt_fails: bool = False,
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    stubs = tmp_path / "bin"
    stubs.mkdir()
    calls = tmp_path / "calls"
    calls.touch()
    stub(stubs, "id", f'#!{SH}\n[ "$1" = -u ] && echo {uid}\n')
    if apt:
        stub(stubs, "apt-get", APT_GET)
    for name in have:
        stub(stubs, name, f"#!{SH}\n")
    environment = {"PATH": str(stubs), "CALLS": str(calls), "STUBS": str(stubs)}
    if apt_fails:
        environment["APT_FAILS"] = "1"
    result = subprocess.run(
        [BASH, str(SCRIPT)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    return result, calls.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("uid", [0, 1000])
def test_nothing_is_installed_when_chromium_and_npm_are_there(tmp_path: Path, uid: int) -> None:
    result, calls = run_system_deps(tmp_path, have=("chromium", "npm"), uid=uid)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert calls == []


@pytest.mark.parametrize(
    ("have", "packages"),
    [
        ((), "chromium fonts-dejavu-core nodejs npm"),
        (("npm",), "chromium fonts-dejavu-core"),
        (("chromium",), "nodejs npm"),
    ],
)
def test_root_installs_what_is_missing_through_apt(
    tmp_path: Path, have: tuple[str, ...], packages: str
) -> None:
    result, calls = run_system_deps(tmp_path, have=have, uid=0)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert calls == [
        "DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        f"DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends {packages}",
    ]


@pytest.mark.parametrize(
    ("have", "message"),
    [
        (
            (),
            "make test needs chromium and npm: run "
            "'sudo apt-get install chromium fonts-dejavu-core nodejs npm' (Debian) and try again",
        ),
        (
            ("chromium",),
            "make test needs npm: run 'sudo apt-get install nodejs npm' (Debian) and try again",
        ),
    ],
)
def test_without_root_one_sentence_says_what_to_install(
    tmp_path: Path, have: tuple[str, ...], message: str
) -> None:
    result, calls = run_system_deps(tmp_path, have=have, uid=1000)
    assert result.returncode == 1
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert calls == []


def test_without_apt_get_one_sentence_says_what_to_install(tmp_path: Path) -> None:
    result, _ = run_system_deps(tmp_path, have=("npm",), uid=0, apt=False)
    assert result.returncode == 1
    assert result.stderr == (
        "make test needs chromium: run 'apt-get install chromium fonts-dejavu-core' (Debian) "
        "and try again\n"
    )


def test_a_failed_apt_get_install_stops_with_one_sentence(tmp_path: Path) -> None:
    result, calls = run_system_deps(tmp_path, have=(), uid=0, apt_fails=True)
    assert result.returncode == 1
    assert result.stderr == (
        "make test needs chromium and npm, and 'apt-get install chromium fonts-dejavu-core "
        "nodejs npm' failed (see above): fix that and try again\n"
    )
    assert len(calls) == 2


def test_make_test_checks_the_system_before_the_dev_install() -> None:
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    check = lines.index("bash .ci/system-deps")
    npm_ci = next(i for i, line in enumerate(lines) if line.startswith("npm ci "))
    assert check < npm_ci
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get" not in ci_run
    assert ci_run.rstrip().endswith("make test")


@pytest.mark.parametrize(("ci", "derandomize"), [("true", True), (None, False)])
def test_hypothesis_runs_derandomized_when_ci_is_set(ci: str | None, derandomize: bool) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        environment["CI"] = ci
    probe = "import conftest; from hypothesis import settings; s = settings(); "
    probe += "print(s.derandomize, s.print_blob, s.deadline, s.database is None)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT / "tests",
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    # Derandomized runs have no example database: nothing carries over between runs.
    expected = [str(derandomize), str(derandomize), "None", str(derandomize)]
    assert result.stdout.split() == expected
