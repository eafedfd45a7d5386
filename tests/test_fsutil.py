"""Writes that cannot leave half a file, and the checkout's lock."""
import os

import pytest

from rusregions import data
from rusregions.fsutil import Busy, atomic_write_text, checkout_lock


def test_update_checksums_replaces_the_descriptor_whole(data_copy):
    desc = data_copy / "datapackage.json"
    inode = desc.stat().st_ino
    data.update_checksums(data_copy)
    assert desc.stat().st_ino != inode  # a new file renamed over the old, not the old rewritten in place
    assert sorted(p.name for p in data_copy.iterdir() if p.name.startswith(".")) == []  # no temporary left
    assert data.validate_all(data_copy) == []


def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path):
    target = tmp_path / "datapackage.json"
    target.write_text('{"resources": []}\n', encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, '{"resources": [' + "x" * 100_000 + "\udcff]}")  # fails while writing
    assert target.read_text(encoding="utf-8") == '{"resources": []}\n'
    assert os.listdir(tmp_path) == ["datapackage.json"]


def test_a_second_holder_of_the_lock_is_refused_with_the_first_named(tmp_path):
    with checkout_lock(tmp_path, "build"):
        with pytest.raises(Busy, match=rf"^another command is already running in this checkout \(build, pid "
                                       rf"{os.getpid()}\); wait for it to finish, then run this again$"):
            with checkout_lock(tmp_path, "execute"):
                pass
    with checkout_lock(tmp_path, "execute"):  # released when the first is done
        pass
