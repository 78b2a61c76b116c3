# A grandchild keeps the child's stdout and stderr open for a minute; the child then dies.
import ctypes
import os


def sigmoid(x):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.fork() == 0:
        libc.setsid()
        argv = (ctypes.c_char_p * 3)(b"/bin/sleep", b"61.803", None)
        libc.execv(b"/bin/sleep", argv)
        libc._exit(0)
    os._exit(3)
