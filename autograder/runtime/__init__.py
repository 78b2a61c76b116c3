"""Code that runs next to the student's code: in the sandboxed child process, or
in the notebook kernel.

Everything here imports only the standard library and NumPy, and only
relative imports inside this package: the sandbox copies this folder alone
into the child (as a package of another name), so the child never sees the
checks, their hidden inputs, or the reference solutions.
"""
