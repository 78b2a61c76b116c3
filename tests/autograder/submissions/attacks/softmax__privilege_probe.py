# Reports what the child may do: capabilities, uid, no_new_privs, which grader paths it can see
# or open for writing, whether it can signal or read the grader. __PROJECT__ and __GRADER_PID__
# are filled in by the test.
import ctypes
import os

PROJECT = "__PROJECT__"
GRADER_PID = int("__GRADER_PID__")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _capabilities(libc):
    """(effective, permitted) from the kernel itself (capget), /proc or not."""
    header = _CapHeader(0x20080522, 0)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        return -1, -1
    return (
        data[0].effective | data[1].effective << 32,
        data[0].permitted | data[1].permitted << 32,
    )


def softmax(x):
    import numpy

    seen = [
        p
        for p in (
            PROJECT + "/solutions",
            PROJECT + "/solutions/softmax.py",
            PROJECT + "/notebooks",
            PROJECT + "/tests",
            PROJECT + "/autograder/checks",
            f"/proc/{GRADER_PID}/cmdline",
        )
        if os.path.exists(p)
    ]
    targets = [
        "/ag/ag_runtime/execute.py",
        PROJECT + "/autograder/runtime/execute.py",
        numpy.__file__,
        os.path.dirname(numpy.__file__) + "/planted.py",
        "/usr/lib/planted",
        "/etc/planted",
    ]
    writable = []
    for target in targets:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.close(fd)
            writable.append(target)
        except OSError:
            pass
    libc = ctypes.CDLL(None, use_errno=True)
    cap_eff, cap_prm = _capabilities(libc)
    can_signal = libc.kill(GRADER_PID, 0) == 0  # ctypes: no audit hook sees this
    try:  # the grader's temp folders, other students' and the test's reports live in the real /tmp
        tmp_entries = [n for n in os.listdir("/tmp") if n.startswith(("autograder-", "pytest-of", "bench-"))]
    except OSError:
        tmp_entries = []
    import socket

    # Any network interface but loopback means the child shares the machine's network.
    network = any(name != "lo" for _, name in socket.if_nameindex())
    return {
        "network": network,
        "tmp_entries": tmp_entries,
        "cap_eff": cap_eff,
        "cap_prm": cap_prm,
        "no_new_privs": libc.prctl(39, 0, 0, 0, 0),  # PR_GET_NO_NEW_PRIVS
        "uid": os.getuid(),
        "euid": os.geteuid(),
        "gid": os.getgid(),
        "seen": seen,
        "writable": writable,
        "can_signal_grader": bool(can_signal),
        "mount_tmpfs": libc.mount(b"none", b"/tmp", b"tmpfs", 0, None) == 0,
    }
