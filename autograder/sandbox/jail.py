"""A chroot jail for machines where the grader is root but may not create namespaces.

In a Docker container run as root with the default settings (Gradescope's, for instance),
bubblewrap and mount namespaces are refused, but chroot is allowed. A jail is a folder holding
only what the child needs: the Python interpreter and its standard library, NumPy and SciPy,
the shared libraries they load, the grader's runtime, and /dev/null and /dev/urandom. Built once
(when the image is built: `python -m autograder build-jail [DIR]`), it is used by every
grading on that machine: the launcher chroots into it and drops to the job's uid, so the
project, the reports and other students' folders do not exist for the child.

Files are hard-linked from the install when they share its file system, copied otherwise;
either way they stay owned by root and read-only to the child.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
from collections.abc import Collection
from pathlib import Path

DEFAULT_JAIL = Path("/opt/autograder-jail")


def jail_path() -> Path:
    """Where the jail is: AUTOGRADER_JAIL, or /opt/autograder-jail."""
    return Path(os.environ.get("AUTOGRADER_JAIL") or DEFAULT_JAIL)


PACKAGES = ("numpy", "numpy.libs", "scipy", "scipy.libs")  # what a submission may import
_SKIP_STDLIB = {
    "test",
    "idlelib",
    "tkinter",
    "turtledemo",
    "ensurepip",
    "lib2to3",
    "site-packages",
    "__pycache__",
}
READY = ".autograder-jail"


def _place(source: Path, jail: Path) -> None:
    """source at the same absolute path inside the jail (a hard link, or a copy)."""
    target = jail / str(source).lstrip("/")
    if target.exists() or target.is_symlink():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        link = os.readlink(source)
        os.symlink(link, target)
        _place(Path(os.path.normpath(source.parent / link)) if not os.path.isabs(link) else Path(link), jail)
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _place_tree(folder: Path, jail: Path, skip: Collection[str] = ()) -> None:
    for current, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in skip and d != "__pycache__"]
        for name in files:
            _place(Path(current) / name, jail)


def _shared_libraries(files: list[Path]) -> set[Path]:
    """The shared libraries the ELF files load (as ldd resolves them)."""
    found: set[Path] = set()
    for chunk in range(0, len(files), 50):
        try:
            out = subprocess.run(
                ["ldd", *map(str, files[chunk : chunk + 50])], capture_output=True, text=True, timeout=120
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        for line in out.splitlines():
            parts = line.split()
            for part in parts:
                if part.startswith("/") and os.path.exists(part):
                    found.add(Path(part))
    return found


def build_jail(jail: Path | None = None) -> Path:
    """Build (or complete) the jail at `jail` (default: jail_path()). Needs root (device nodes)."""
    jail = jail or jail_path()
    jail.mkdir(parents=True, exist_ok=True)
    jail.chmod(0o755)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    dynload = Path(sysconfig.get_paths()["platstdlib"]) / "lib-dynload"
    _place_tree(stdlib, jail, _SKIP_STDLIB)
    if dynload.is_dir():
        _place_tree(dynload, jail)
    executable = Path(sys.executable)
    _place(executable, jail)
    for path in (Path(sys.prefix) / "pyvenv.cfg",):
        if path.exists():
            _place(path, jail)
    site_packages = [Path(p) for p in sysconfig.get_paths()["purelib"].split(os.pathsep)]
    for folder in site_packages:
        for name in PACKAGES:
            if (folder / name).is_dir():
                _place_tree(folder / name, jail)
    elves = [
        Path("/" + str(p.relative_to(jail)))
        for p in jail.rglob("*")
        if p.is_file() and not p.is_symlink() and (p.suffix == ".so" or ".so." in p.name)
    ]
    elves.append(executable.resolve())
    for library in _shared_libraries(elves):
        _place(library, jail)
    for loader in ("/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1"):
        if os.path.exists(loader):
            _place(Path(loader), jail)
    runtime = Path(__file__).resolve().parent.parent / "runtime"
    target = jail / "ag" / "ag_runtime"
    target.mkdir(parents=True, exist_ok=True)
    for folder in (target.parent, target):
        folder.chmod(0o755)
    for file in runtime.glob("*.py"):
        # Not the source's mode: the grader's source may already be root's only.
        shutil.copyfile(file, target / file.name)
        (target / file.name).chmod(0o644)
    dev = jail / "dev"
    dev.mkdir(exist_ok=True)
    for name, major, minor in (("null", 1, 3), ("zero", 1, 5), ("random", 1, 8), ("urandom", 1, 9)):
        if not (dev / name).exists():
            os.mknod(dev / name, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    (jail / "tmp").mkdir(exist_ok=True)
    (jail / "tmp").chmod(0o711)  # per-job folders only; nobody lists or creates here
    (jail / READY).write_text("built by autograder.sandbox.jail\n")
    return jail


def jail_ready(jail: Path | None = None) -> bool:
    """A complete jail whose runtime is this grader's."""
    jail = jail or jail_path()
    if not (jail / READY).exists():
        return False
    runtime = Path(__file__).resolve().parent.parent / "runtime"
    for file in runtime.glob("*.py"):
        copy = jail / "ag" / "ag_runtime" / file.name
        if not copy.exists() or copy.read_bytes() != file.read_bytes():
            return False
    return True
