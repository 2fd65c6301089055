"""Cached files placed into the output (output/place.py): linked, never
written into, copied where links cannot be made."""

import os

from therapy_ties.output.place import place


def test_a_placed_file_is_the_cached_one_and_what_was_there_is_left_untouched(tmp_path):
    cached, author, target = tmp_path / "cached.webp", tmp_path / "photo.jpg", tmp_path / "out.jpg"
    cached.write_bytes(b"clean copy")
    author.write_bytes(b"the author's photograph")
    os.link(author, target)  # the output held a link to the author's file
    assert place(cached, target) == target
    assert target.read_bytes() == b"clean copy"
    assert author.read_bytes() == b"the author's photograph"  # removed, not written into
    assert os.path.samefile(cached, target)  # no bytes copied


def test_where_links_cannot_be_made_the_file_is_copied(tmp_path, monkeypatch):
    def no_links(source, target):
        raise OSError("links not allowed")

    monkeypatch.setattr(os, "link", no_links)
    cached, target = tmp_path / "cached.br", tmp_path / "page.html.br"
    cached.write_bytes(b"compressed")
    place(cached, target)
    assert target.read_bytes() == b"compressed" and not os.path.samefile(cached, target)
