# ruff: noqa
"""Hostile: tries to kill the grader (its parent process) and to start a shell."""

import os
import signal
import subprocess


def gradcheck_naive(f, x):
    try:
        subprocess.run(["sh", "-c", "kill -9 $PPID"], check=False)
    finally:
        os.kill(os.getppid(), signal.SIGKILL)
    return True
