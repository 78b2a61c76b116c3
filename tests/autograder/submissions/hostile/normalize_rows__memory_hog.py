# ruff: noqa
"""Hostile: normalize_rows allocates memory until it runs out."""


def normalize_rows(x):
    hoard = []
    while True:
        hoard.append(bytearray(50_000_000))
