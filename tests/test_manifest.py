"""course.toml is the one list of notebook facts: every other place that states one agrees.

The notebooks on disk, their title cells, their Colab metadata, the data sets their code
loads, the data registry's readers, the README's course table, and the release files
(VERSION, CITATION.cff, CHANGELOG.md) are checked against it here.
"""

from __future__ import annotations

import json
import re

import pytest

from tools import render_readme
from utils import course, data

ROOT = course.ROOT
# What a notebook's code calls to read each data set.
LOADERS = {
    "imdb": r"load_imdb_reviews|load_imdb\(|imdb_dir\(",
    "imdb_word_index": r"imdb_word_index\(|load_imdb\(",
    "reuters": r"load_reuters\(",
    "reuters_word_index": r"reuters_word_index\(",
    "glove": r"open_glove\(|load_glove\(|glove_path\(",
    "jena_2020": r"load_jena\(|jena_csv_path\(",
    "alice": r"load_alice\(",
}


def _notebook(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_manifest_lists_exactly_the_notebooks_on_disk():
    on_disk = sorted(p.name for p in course.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert on_disk == [item.file for item in course.MANIFEST.values()]
    assert [p.name for p in course.notebooks()] == on_disk
    pairs = sorted(p.stem for p in (course.NOTEBOOKS / "py").glob("*.py"))
    assert pairs == [name.removesuffix(".ipynb") for name in on_disk]


@pytest.mark.parametrize("number", list(course.MANIFEST))
def test_title_cell_and_colab_metadata_follow_the_manifest(number):
    item = course.notebook(number)
    nb = _notebook(course.NOTEBOOKS / item.file)
    first_line = "".join(nb["cells"][0]["source"]).split("\n", 1)[0]
    assert first_line == item.heading, f"{item.file}: title cell {first_line!r}, course.toml " \
                                       f"{item.heading!r}"
    assert (nb["metadata"].get("accelerator") == "GPU") == item.gpu
    setup = next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert f'notebook="{number}"' in setup, "the setup cell names the notebook's number"


@pytest.mark.parametrize("number", list(course.MANIFEST))
def test_the_data_a_notebook_loads_is_the_data_the_manifest_names(number):
    item = course.notebook(number)
    code = "\n".join("".join(c["source"]) for c in _notebook(course.NOTEBOOKS / item.file)["cells"]
                     if c["cell_type"] == "code")
    loaded = {name for name, pattern in LOADERS.items() if re.search(pattern, code)}
    assert loaded == set(item.data), f"{item.file} loads {sorted(loaded)}, course.toml says " \
                                     f"{sorted(item.data)}"
    for name in item.data:
        assert name in data.DATASETS, f"course.toml: {name!r} is not in utils/registry.toml"


def test_every_data_set_is_read_by_a_notebook_and_has_a_label():
    """A data set no notebook of course.toml reads is a stale registry entry."""
    for dataset in data.DATASETS.values():
        assert dataset.notebooks, f"{dataset.name}: no notebook of course.toml reads it"
        assert dataset.label, dataset.name


def test_the_readme_course_table_is_the_manifest():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for number, item in course.MANIFEST.items():
        row = next(line for line in readme.splitlines() if line.startswith(f"| {number} | "))
        assert f"[{item.title} ({item.title_ko})](notebooks/{item.file})" in row
        assert f"| {item.topics} |" in row and f"| {render_readme.data_label(number)} |" in row
        assert course.colab_badge(item.file) in row and course.site_url() in row


def test_no_second_list_of_notebooks_in_the_code():
    """The old lists (render_readme.CATALOG, the registry's notebooks) are gone."""
    assert not hasattr(render_readme, "CATALOG")
    registry = (ROOT / "utils" / "registry.toml").read_text(encoding="utf-8")
    assert not re.search(r"^notebooks\s*=", registry, re.M)


def test_version_citation_and_changelog_agree():
    version = (ROOT / "VERSION").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf'^version: "{re.escape(version)}"$', citation, re.M)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d\d-\d\d)\)$", changelog, re.M)
    assert first and first.group(1) == version, "CHANGELOG.md's newest entry is VERSION"
    assert re.search(rf'^date-released: "{first.group(2)}"$', citation, re.M)
    assert f"`{version}`" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_citation_cff_is_valid():
    """CITATION.cff against the Citation File Format 1.2.0 schema (tests/data), as
    `cffconvert --validate` checks it."""
    import jsonschema
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    cff["date-released"] = str(cff["date-released"])      # YAML reads the date as a date
    schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.validate(cff, schema, format_checker=jsonschema.FormatChecker())
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}
    assert cff["repository-code"] == course.REPO_URL and cff["url"] == course.site_url()
