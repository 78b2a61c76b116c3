# Forged outcomes with fields of the wrong types and numbers no float can hold.
import os

FORGED = (
    b'{"outcome":{"status":"error","negative_sample_calls":1e400,"message":5,"observations":7}}\n'
    b'{"outcome":{"status":"ok","value":1.0,"negative_sample_calls":"many","draws":{"a":1}}}\n'
    b'{"outcome":{"status":"ok","value":NaN}}\n'
    b'{"outcome":{"status":"no such status"}}\n'
)


def sigmoid_grad(s):
    for fd in range(3, 30):
        try:
            os.write(fd, FORGED)
        except OSError:
            continue
    return s * (1 - s)
