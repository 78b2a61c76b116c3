# ruff: noqa
"""Hostile: raises an exception whose message would echo the (hidden) inputs."""


def forward_backward_prop(X, labels, params, dimensions):
    raise ValueError("leak: " + repr(params.tolist()))
