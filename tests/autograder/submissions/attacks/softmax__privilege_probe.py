# Reports what the child may do: capabilities, uid, no_new_privs, which grader paths it can see
# or open for writing, whether it can signal or read the grader. __PROJECT__ and __GRADER_PID__
# are filled in by the test.
import ctypes
import os

PROJECT = "__PROJECT__"
GRADER_PID = int("__GRADER_PID__")


def softmax(x):
    fields = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
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
    can_signal = libc.kill(GRADER_PID, 0) == 0  # ctypes: no audit hook sees this
    return {
        "cap_eff": int(fields["CapEff"], 16),
        "cap_prm": int(fields["CapPrm"], 16),
        "no_new_privs": int(fields.get("NoNewPrivs", "0")),
        "uid": os.getuid(),
        "euid": os.geteuid(),
        "gid": os.getgid(),
        "seen": seen,
        "writable": writable,
        "can_signal_grader": bool(can_signal),
        "mount_tmpfs": libc.mount(b"none", b"/tmp", b"tmpfs", 0, None) == 0,
    }
