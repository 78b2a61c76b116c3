# Writes forged answers on the answer channel: a float too large for a float, a deep nesting.
import os

FORGED = (
    b'{"outcome":{"status":"ok","value":{"__float__":1'
    + b"0" * 400
    + b"}}}\n"
    + b'{"outcome":{"status":"ok","value":'
    + b"[" * 100000
    + b"]" * 100000
    + b"}}\n"
)


def sigmoid_grad(s):
    for fd in range(3, 30):
        try:
            os.write(fd, FORGED)
        except OSError:
            continue
    return s * (1 - s)
