"""Missing, truncated or wrong data files give one clear DataError.

Every message must name the file, say what is wrong and give the fix (the
download command or the environment variable).
"""

from __future__ import annotations

import zipfile

import pytest

from cs224n_datasets import TOY_TREEBANK, DataError, MissingDataError, ToyCorpusWarning, load_treebank
from cs224n_datasets.sst import SST_ZIP_NAME, SST_ZIP_SIZE
from cs224n_datasets.toy import make_toy_corpus

FIX = "python -m cs224n_datasets download"


def assert_helpful(exc: DataError, *names: str) -> None:
    message = str(exc)
    for name in names:
        assert name in message, f"{name!r} not in message: {message}"
    assert FIX in message and "CS224N_SST_DIR" in message, message


def with_line(members: dict[str, bytes], member: str, number: int, line: bytes) -> dict[str, bytes]:
    """A copy of ``members`` whose ``member`` has line ``number`` replaced."""
    lines = members[member].split(b"\n")
    lines[number - 1] = line
    return {**members, member: b"\n".join(lines)}


def test_missing_path(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(MissingDataError) as info:
        load_treebank(missing)
    assert_helpful(info.value, str(missing), "does not exist")


def test_empty_folder_is_missing(tmp_path):
    with pytest.raises(MissingDataError) as info:
        load_treebank(tmp_path)
    assert_helpful(info.value, str(tmp_path), SST_ZIP_NAME)


def test_default_folder_comes_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CS224N_SST_DIR", str(tmp_path / "elsewhere"))
    with pytest.raises(MissingDataError) as info:
        load_treebank()
    assert str(tmp_path / "elsewhere") in str(info.value)


def test_truncated_official_zip(tmp_path):
    path = tmp_path / SST_ZIP_NAME
    path.write_bytes(TOY_TREEBANK.read_bytes()[:1000])
    with pytest.raises(DataError) as info:
        load_treebank(path)
    assert not isinstance(info.value, MissingDataError)
    assert_helpful(info.value, str(path), "truncated", f"{SST_ZIP_SIZE:,}")


def test_truncated_real_zip(tmp_path, real_sst_zip):
    path = tmp_path / SST_ZIP_NAME
    path.write_bytes(real_sst_zip.read_bytes()[: SST_ZIP_SIZE // 2])
    with pytest.raises(DataError) as info:
        load_treebank(tmp_path)
    assert_helpful(info.value, str(path), "truncated")


def test_truncated_zip_of_other_name(tmp_path):
    path = tmp_path / "my_trees.zip"
    path.write_bytes(TOY_TREEBANK.read_bytes()[:5000])
    with pytest.raises(DataError) as info:
        load_treebank(path)
    assert_helpful(info.value, str(path), "not a valid zip archive")


def test_wrong_hash_zip(tmp_path, real_sst_zip):
    data = bytearray(real_sst_zip.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path = tmp_path / SST_ZIP_NAME
    path.write_bytes(bytes(data))
    with pytest.raises(DataError) as info:
        load_treebank(path)
    assert_helpful(info.value, str(path), "wrong SHA-256")


def test_wrong_hash_zip_of_right_size(tmp_path, rng):
    path = tmp_path / SST_ZIP_NAME
    path.write_bytes(rng.bytes(SST_ZIP_SIZE))
    with pytest.raises(DataError) as info:
        load_treebank(path)
    assert_helpful(info.value, str(path), "wrong SHA-256")


@pytest.mark.parametrize("absent", ["trees/train.txt", "trees/dev.txt", "trees/test.txt"])
def test_zip_without_a_split(tmp_path, toy_members, make_zip, absent):
    members = {name: data for name, data in toy_members.items() if name != absent}
    path = make_zip(tmp_path / "custom.zip", members)
    with pytest.raises(DataError) as info:
        load_treebank(path)
    assert_helpful(info.value, str(path), f"has no {absent}")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (b"(3 (2 good) (2 film)", "unbalanced brackets"),
        (b"(3 (2 good) (2 film)))", "after the end of the tree"),
        (b"(7 (2 good) (2 film))", "label '7' is not one of 0-4"),
        (b"(3 (2 good) (x film))", "label 'x' is not one of 0-4"),
        (b"(3 (2 good film) (2 film))", "more than one token"),
        (b"(3)", "has no children"),
        (b"", "the line is empty"),
        (b"good film", "expected '('"),
        (b"(3 (2 good) (2 film)) ", "stray whitespace"),
        (b"(3 (2 good)  (2 film))", "stray whitespace"),
        (b"(3 (2 go\x00od) (2 film))", "NUL character"),
    ],
)
def test_malformed_tree_line(tmp_path, toy_members, make_zip, line, problem):
    path = make_zip(tmp_path / "custom.zip", with_line(toy_members, "trees/dev.txt", 17, line))
    with pytest.raises(DataError) as info:
        load_treebank(path)
    assert_helpful(info.value, "line 17 of trees/dev.txt", str(path), problem)


def test_only_first_bad_line_is_reported(tmp_path, toy_members, make_zip):
    members = with_line(toy_members, "trees/test.txt", 4, b"(3 (2 a)")
    members = with_line(members, "trees/test.txt", 9, b"(9 (2 a))")
    path = make_zip(tmp_path / "custom.zip", members)
    with pytest.raises(DataError, match="line 4 of trees/test.txt"):
        load_treebank(path)


def test_non_utf8_bytes(tmp_path, toy_members, make_zip):
    members = with_line(toy_members, "trees/train.txt", 5, b"(2 (2 caf\xe9) (2 .))")
    path = make_zip(tmp_path / "custom.zip", members)
    with pytest.raises(DataError) as info:
        load_treebank(path)
    assert_helpful(info.value, "line 5 of trees/train.txt", "UTF-8", "0xe9", str(path))


def test_windows_line_ends_are_accepted(tmp_path, toy_members, make_zip, toy_treebank):
    members = {name: data.replace(b"\n", b"\r\n") for name, data in toy_members.items()}
    loaded = load_treebank(make_zip(tmp_path / "crlf.zip", members))
    assert loaded.sentences == toy_treebank.sentences


def test_unpacked_file_with_wrong_hash(tmp_path, toy_members):
    for name, data in toy_members.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    with pytest.raises(DataError) as info:
        load_treebank(tmp_path)
    assert_helpful(info.value, str(tmp_path / "trees" / "train.txt"), "wrong SHA-256")


def test_unpacked_folder_missing_a_split(tmp_path, toy_members):
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "train.txt").write_bytes(toy_members["trees/train.txt"])
    with pytest.raises(DataError) as info:
        load_treebank(tmp_path)
    assert not isinstance(info.value, MissingDataError)
    assert_helpful(info.value, str(tmp_path), "trees/dev.txt")


def test_fallback_to_toy_when_missing(tmp_path):
    with pytest.warns(ToyCorpusWarning, match="TOY CORPUS"):
        treebank = load_treebank(tmp_path / "nowhere", fallback_to_toy=True)
    assert treebank.is_toy
    assert treebank.source == TOY_TREEBANK


def test_no_fallback_when_corrupt(tmp_path):
    path = tmp_path / SST_ZIP_NAME
    path.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="truncated"):
        load_treebank(path, fallback_to_toy=True)


def test_cli_prints_one_message_without_traceback(tmp_path, run_datasets_cli):
    path = tmp_path / SST_ZIP_NAME
    path.write_bytes(b"garbage")
    result = run_datasets_cli("check", "--sst", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("error: ") and str(path) in result.stderr
    assert FIX in result.stderr


def test_cli_check_reports_missing_treebank(tmp_path, run_datasets_cli):
    result = run_datasets_cli("check", "--sst", str(tmp_path / "none"), cwd=tmp_path)
    assert result.returncode == 1
    assert "NOT FOUND" in result.stdout and "Traceback" not in result.stderr


def test_cli_check_summarises_toy(tmp_path, run_datasets_cli):
    result = run_datasets_cli("check", "--sst", str(TOY_TREEBANK), "--glove", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "TOY CORPUS" in result.stdout
    train = make_toy_corpus.SPLIT_SIZES["train"]
    assert f"{train:,} sentences" in result.stdout and "GloVe 50-d: not found" in result.stdout


def test_zip_is_read_not_extracted(tmp_path, toy_members, make_zip):
    # Loading must not write next to the data (it may be read-only).
    path = make_zip(tmp_path / "custom.zip", toy_members)
    load_treebank(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["custom.zip"]
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
