"""The launcher: sets up the child's confinement, then becomes the child (exec).

Run by the grader (never imported by student code) as

    python -I -S launch.py CONFIG_JSON -- COMMAND...

It uses the standard library only. In order, before any student code exists in the process:
join the job's cgroups (memory and process count for the whole submission); when `root_dir`
is given, build a private view of the file system in a new mount namespace (a tmpfs root
holding read-only binds of the system and the Python install, the grader's runtime as /ag,
a small writable /sub and /tmp, a /proc that hides other users' processes) and chroot into
it; set the resource limits; drop every capability and switch to the job's uid/gid; set
no_new_privs; exec COMMAND. `--probe` reports which of these steps this machine allows.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUTS = 0x04000000
MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_REMOUNT = 0x20
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000
PR_SET_NO_NEW_PRIVS = 38
PR_CAPBSET_DROP = 24
PR_SET_PDEATHSIG = 1
SIGKILL = 9

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)), f"mount {target}")


def _bind(source: str, target: str, *, writable: bool = False) -> None:
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            open(target, "a").close()  # noqa: SIM115
    _mount(source, target, None, MS_BIND | MS_REC)
    flags = MS_REMOUNT | MS_BIND | MS_NOSUID | (0 if writable else MS_RDONLY)
    if source.startswith("/dev/"):
        _mount(None, target, None, flags & ~MS_RDONLY)
    else:
        _mount(None, target, None, flags | MS_NODEV)


def build_root(root: str, view: list, runtime: str, uid: int, gid: int, tmp_mb: int) -> None:
    """A private file system view in a new mount namespace, then chroot into it.

    view: [operation, path] in order: "bind" (read-only) or "tmpfs" (an empty folder over path).
    """
    _check(_libc.unshare(CLONE_NEWNS), "unshare")
    # No network, no System V IPC or abstract sockets shared with other jobs (when allowed).
    _libc.unshare(CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS)
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    # /tmp and /sub first: a Python install under /tmp (a test's venv) is bound inside the empty
    # /tmp afterwards, instead of being hidden by it.
    for place, mode in (("/tmp", "1777"), ("/sub", "0700")):
        os.makedirs(root + place, exist_ok=True)
        _mount("tmpfs", root + place, "tmpfs", MS_NOSUID | MS_NODEV, f"size={tmp_mb}m,mode={mode}")
    os.chown(root + "/sub", uid, gid)
    for op, path in view:
        if op == "tmpfs":
            os.makedirs(root + path, exist_ok=True)
            _mount("tmpfs", root + path, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
        elif os.path.islink(path):
            os.makedirs(os.path.dirname(root + path), exist_ok=True)
            os.symlink(os.readlink(path), root + path)
        elif os.path.exists(path):
            _bind(path, root + path)
    _bind(runtime, root + "/ag/ag_runtime")
    os.makedirs(root + "/dev", exist_ok=True)
    for device in ("null", "zero", "random", "urandom"):
        _bind("/dev/" + device, root + "/dev/" + device, writable=True)
    os.makedirs(root + "/proc", exist_ok=True)
    try:  # a /proc where other users' processes (the grader's) do not exist
        _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV, "hidepid=2")
    except OSError:
        pass
    _mount(None, root, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chroot(root)
    os.chdir("/sub")


def limit(config: dict) -> None:
    memory = int(config["memory_mb"]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(config["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000_000, 50_000_000))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    if config.get("nproc"):
        resource.setrlimit(resource.RLIMIT_NPROC, (int(config["nproc"]), int(config["nproc"])))


def drop_privileges(uid: int, gid: int) -> None:
    """No capabilities left, none to regain: empty bounding set, the job's ids, no_new_privs."""
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            break
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)


def no_new_privs() -> None:
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def join_cgroups(files: list[str]) -> None:
    for file in files:
        with open(file, "w") as handle:
            handle.write(str(os.getpid()))


def probe(config: dict) -> dict:
    """Which confinement steps work here (run in a throwaway process)."""
    found: dict[str, bool | str] = {
        "root": os.geteuid() == 0,
        "mount_namespace": False,
        "setuid": False,
        "error": "",
    }
    if not found["root"]:
        return found
    try:
        build_root(config["root_dir"], config["view"], config["runtime"], config["uid"], config["gid"], 1)
        found["mount_namespace"] = os.path.isdir("/ag/ag_runtime")
    except OSError as exc:
        found["error"] = str(exc)
    try:
        drop_privileges(config["uid"], config["gid"])
        no_new_privs()
        found["setuid"] = os.getuid() == config["uid"]
        # Can the job's uid run this Python (in the private view when there is one)? Not when a
        # folder above it is root's only, e.g. a pyenv Python under /root (mode 0700).
        python = config.get("python", sys.executable)
        found["python_reachable"] = os.access(python, os.X_OK) and os.access(sys.prefix, os.R_OK | os.X_OK)
    except OSError as exc:
        found["error"] = f"{found['error']} {exc}"
    return found


def main(argv: list[str]) -> None:
    if argv[1] == "--probe":
        print(json.dumps(probe(json.loads(argv[2]))), flush=True)
        return
    config = json.loads(argv[1])
    command = argv[argv.index("--") + 1 :]
    try:
        join_cgroups(config.get("cgroups", []))
        if config.get("jail"):
            # A container that refuses namespaces: the jail holds only Python, NumPy and the runtime.
            os.chroot(config["jail"])
            os.chdir(config["scratch"])
        elif config.get("root_dir"):
            build_root(
                config["root_dir"],
                config["view"],
                config["runtime"],
                config["uid"],
                config["gid"],
                config["tmp_mb"],
            )
        limit(config)
        if config.get("uid") is not None:
            drop_privileges(int(config["uid"]), int(config["gid"]))
        # Set after the uid change (which clears it): the child dies with the grader.
        _libc.prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0)
        if os.getppid() != int(config.get("grader_pid", os.getppid())):
            os._exit(70)  # the grader died before the line above
        no_new_privs()
    except OSError as exc:
        # Never run student code half-confined: the grader sees the child die at once.
        print(f"autograder launcher: {exc}", file=sys.stderr, flush=True)
        os._exit(70)
    os.execve(command[0], command, os.environ)


if __name__ == "__main__":
    main(sys.argv)
