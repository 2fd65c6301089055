"""Paths the browser names, confined to the content folder.

A path comes as a relative, forward-slash name (`blog/my-article.md`). It is
refused when it is absolute, has a `..` or a backslash, names a hidden file,
has another suffix than the kind asks for, or resolves (through a symbolic
link) outside the folder."""

from pathlib import Path, PurePosixPath


class OutsideContent(ValueError):
    pass


DOCUMENT_SUFFIXES = (".md",)


def confined(folder, relative, suffixes=DOCUMENT_SUFFIXES):
    """The file `relative` names inside `folder`, or OutsideContent."""
    if not isinstance(relative, str) or not relative or "\\" in relative or "\0" in relative:
        raise OutsideContent(f"not a file name: {relative!r}")
    name = PurePosixPath(relative)
    if name.is_absolute() or ":" in name.parts[0] or any(part in ("..", ".") or part.startswith(".")
                                                        for part in name.parts):
        raise OutsideContent(f"{relative!r} is not a file in the content folder")
    if name.suffix.lower() not in suffixes:
        raise OutsideContent(f"{relative!r}: only {', '.join(suffixes)} files here")
    root = Path(folder).resolve()
    path = (root / Path(*name.parts)).resolve()
    if not path.is_relative_to(root):
        raise OutsideContent(f"{relative!r} leads outside the content folder")
    return root / Path(*name.parts)
