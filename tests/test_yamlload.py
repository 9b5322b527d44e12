"""The YAML loader: plain YAML 1.2 data with positions, and located refusals."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.yamlload import MAX_BYTES, MAX_DEPTH, YamlProblem, load, parse


def problem_of(raw: bytes) -> str:
    with pytest.raises(YamlProblem) as caught:
        load(raw, "f.yaml")
    return caught.value.problem.format()


def test_yaml_12_scalars_keep_words_and_dates_as_text() -> None:
    doc = load(b"a: yes\nb: no\nc: on\nd: off\ne: 2025-12-18\nf: 2025\ng: true\nh: ~\n", "f")
    assert doc.data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": "2025-12-18",
        "f": 2025,
        "g": True,
        "h": None,
    }


def test_positions_of_values_and_keys_are_one_based() -> None:
    doc = parse("# note\ntitle: First\nlist:\n  - x\n  - {k: v}\n", "f")
    assert doc.where(("title",)) == (2, 8)
    assert doc.where_key(("title",)) == (2, 1)
    assert doc.where(("list", 1, "k")) == (5, 9)
    # An unknown pointer falls back to its nearest parent: the list, at its first item.
    assert doc.where(("list", 7)) == (4, 3)


def test_find_locates_text_inside_a_block_scalar() -> None:
    doc = parse("summary: |\n  first line\n  see [x](actor:ukrain) here\n", "f")
    assert doc.find("actor:ukrain", ("summary",)) == (3, 11)


def test_duplicate_key_names_both_lines() -> None:
    assert problem_of(b"a: 1\nb: 2\na: 3\n") == (
        "f.yaml:3:1: error: duplicate key 'a' (first on line 1): keep one of them and "
        "delete the other"
    )


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    bomb = b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert problem_of(bomb).startswith("f.yaml:1:4: error: anchor '&a' is not allowed")


def test_tags_are_refused_not_constructed() -> None:
    message = problem_of(b"a: !!python/object/apply:os.system [echo hi]\n")
    assert message.startswith("f.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:python/object")


def test_nesting_is_bounded_before_the_recursion_limit() -> None:
    message = problem_of(b"a: " + b"[" * 2000 + b"]" * 2000)
    assert f"nested more than {MAX_DEPTH} levels" in message
    message = problem_of(b"- " * 2000 + b"x\n")
    assert message.startswith(f"f.yaml:1:{2 * MAX_DEPTH + 1}: error: data is nested")


def test_size_limit_is_checked_before_parsing() -> None:
    assert problem_of(b"a: " + b"x" * MAX_BYTES) == (
        f"f.yaml:1:1: error: file is larger than the limit of {MAX_BYTES:,} bytes: "
        "split it into smaller files or shorten it"
    )


def test_invalid_utf8_points_at_the_byte() -> None:
    assert problem_of(b"a: ok\nb: caf\xe9\n") == (
        "f.yaml:2:7: error: file is not UTF-8 (byte 0xe9 here): save it with UTF-8 encoding"
    )


def test_tab_indentation_has_its_own_message() -> None:
    assert problem_of(b"a:\n\tb: 1\n") == (
        "f.yaml:2:1: error: a tab character is used for indentation: YAML needs spaces, "
        "so replace the tab with spaces"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "f.yaml:1:1: error: file is empty"),
        (b"# only a comment\n", "f.yaml:1:1: error: file is empty"),
        (b"- a\n- b\n", "f.yaml:1:1: error: file holds a list"),
        (b"just text\n", "f.yaml:1:1: error: file holds a single value"),
        (b"a: 1\n---\nb: 2\n", "f.yaml:2:1: error: file holds more than one YAML document"),
        (b"a: \x07\n", "f.yaml:1:4: error: character U+0007 is not allowed"),
    ],
)
def test_files_that_are_not_one_mapping(raw: bytes, expected: str) -> None:
    assert problem_of(raw).startswith(expected)


def test_byte_order_mark_is_accepted() -> None:
    assert load("\ufeffa: b\n".encode(), "f").data == {"a": "b"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_the_loaders_own_error(text: str) -> None:
    try:
        load(text.encode("utf-8", "surrogatepass"), "f.yaml")
    except YamlProblem as error:
        problem = error.problem
        assert problem.line >= 1 and problem.column >= 1
        assert problem.path == "f.yaml"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_the_loaders_own_error(raw: bytes) -> None:
    with contextlib.suppress(YamlProblem):
        load(raw, "f.yaml")


def test_a_tab_inside_a_value_is_not_called_indentation() -> None:
    message = problem_of(b'a: "one\ttwo" b: c\n')
    assert "YAML syntax error" in message
    assert "tab character" not in message
