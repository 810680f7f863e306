"""What the runner decides before any kernel starts: ranges, chapter selection, run folders; and the command line."""
from __future__ import annotations

import asyncio
import re

import pytest

from compendium.build import cli
from compendium.build import runner
from compendium.data import paths


def test_a_from_to_comment_declares_a_range_and_may_go_on_after_it():
    defaults, choices, ranges = runner.read_parameters(
        'top_n = 5  # from 1 to 51: how many states\n'
        'alpha = 0.05  # significance level\n'
        'share = 0.5  # from 0.1 to 0.9\n'
        'method = "a"  # one of: a, b\n')
    assert defaults == {"top_n": 5, "alpha": 0.05, "share": 0.5, "method": "a"}
    assert ranges == {"top_n": (1, 51), "share": (0.1, 0.9)}
    assert choices == {"method": ["a", "b"]}


def test_the_chapters_declare_the_ranges_they_check_themselves():
    chapters = runner.discover()
    assert chapters["diaspora"].ranges == {"top_n": (1, 51)}
    assert chapters["returns"].ranges == {"horizon_months": (9, 12)}
    for chapter in chapters.values():
        for name, (low, high) in chapter.ranges.items():
            assert low <= chapter.defaults[name] <= high, f"{chapter.name}.{name}: default outside its range"


def test_every_value_of_a_range_is_accepted_and_its_neighbours_refused():
    [diaspora] = runner.select(["diaspora"], runner.discover())
    for value in (1, 5, 51, "51"):
        assert runner.check_parameters([diaspora], {"top_n": value})["diaspora"]["top_n"] == int(value)
    for value in (0, 52, -1):
        with pytest.raises(runner.ParameterError, match=r"'top_n' of chapter 'diaspora' must be from 1 to 51"):
            runner.check_parameters([diaspora], {"top_n": value})


def test_parameters_without_chapter_names_select_the_chapters_that_take_them():
    chapters = runner.discover()
    with_alpha = [c.name for c in runner.select(None, chapters, {"alpha": 0.1})]
    assert with_alpha == [c.name for c in chapters.values() if "alpha" in c.defaults]
    assert "data" not in with_alpha and "glossary" not in with_alpha and "diaspora" in with_alpha
    assert [c.name for c in runner.select(None, chapters, {"top_n": 3})] == ["diaspora"]
    assert [c.name for c in runner.select(None, chapters, {})] == list(chapters)
    with pytest.raises(runner.ParameterError, match="no chapter takes 'colour'"):
        runner.select(None, chapters, {"colour": "red"})


def test_two_data_folders_with_the_same_name_get_their_own_run_folders(tmp_path):
    first, second = tmp_path / "a" / "data", tmp_path / "b" / "data"
    names = {runner.run_folder_name({"data_dir": str(folder), "alpha": 0.1}) for folder in (first, second)}
    names.add(runner.run_folder_name({"data_dir": "data", "alpha": 0.1}))
    assert len(names) == 3
    for name in names:
        assert re.fullmatch(r"alpha-0\.1_data_dir-data-[0-9a-f]{8}", name), name
    # the same folder, however it is written, keeps its folder
    repository_data = paths.data_dir()
    assert runner.run_folder_name({"data_dir": "data"}) == runner.run_folder_name({"data_dir": str(repository_data)})
    assert runner.default_output_dir({"top_n": 3}) == paths.runs_dir() / "top_n-3"


def _in_own_loop(coroutine_function):
    """Run a coroutine in a fresh event loop on its own thread: another test may leave this thread's loop running."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_function())).result()


def test_kernels_are_not_interrupted_while_they_shut_down():
    manager = runner._kernel_manager_class()()
    with pytest.raises(RuntimeError, match="No kernel is running"):  # jupyter_client's own interrupt
        _in_own_loop(manager._async_interrupt_kernel)
    manager.shutting_down = True
    assert _in_own_loop(manager._async_interrupt_kernel) is None  # skipped: the kernel is idle and going


def test_ctrl_c_prints_one_line_and_exit_code_130(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_list", interrupted)
    assert cli.main(["list"]) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("interrupted: 'python -m compendium list' stopped (Ctrl-C)")


def test_list_aligns_the_parameters_of_every_chapter_and_shows_their_ranges(capsys):
    assert cli.main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    starts = {line.index("data_dir=") for line in lines}
    assert len(starts) == 1, lines
    diaspora = next(line for line in lines if line.startswith("diaspora "))
    assert "top_n=5 (from 1 to 51)" in diaspora and "alpha=0.05 (between 0 and 0.5)" in diaspora
