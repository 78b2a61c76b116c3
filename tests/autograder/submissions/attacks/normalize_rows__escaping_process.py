# Starts a process in a new session (through ctypes: no audit event) that outlives the function,
# then returns a wrong answer. The process must be dead when the function's grading ends.
import ctypes


def normalize_rows(x):
    libc = ctypes.CDLL(None, use_errno=True)
    pid = libc.fork()
    if pid == 0:
        libc.setsid()
        argv = (ctypes.c_char_p * 3)(b"/bin/sleep", b"31.4159", None)
        libc.execv(b"/bin/sleep", argv)
        libc._exit(0)
    return x
