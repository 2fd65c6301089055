"""What writing a built site's files costs the disk, apart from building them.

    python3 benchmarks/output_files.py SITE [SITE ...] [--scratch DIR] [--rounds 3]

For each built site (an output folder: ours, or stock Pelican's), writes its
HTML and XML files again (the same paths, the same number of bytes) into a new
folder under --scratch, in one process, and prints the seconds and the system
(kernel) seconds it took, with the number of files and folders. Our site has
a folder per page; stock Pelican's writes pages side by side: on a disk that
makes each new folder and file cost, the difference shows here. Read it
against the same site on a tmpfs (--scratch /dev/shm).
"""

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

WRITTEN = (".html", ".xml")


def files_of(site):
    """(relative path, size) of the files a build writes itself."""
    found = []
    for folder, _dirs, names in os.walk(site):
        for name in names:
            if name.endswith(WRITTEN):
                path = os.path.join(folder, name)
                found.append((os.path.relpath(path, site), os.path.getsize(path)))
    return found


def write_again(files, target):
    """(seconds, system seconds) to write these files under target."""
    system_before = resource.getrusage(resource.RUSAGE_SELF).ru_stime
    start = time.perf_counter()
    for relative, size in files:
        path = os.path.join(target, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(b"x" * size)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_stime - system_before


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--scratch", type=Path, help="where to write (default: the system's temporary folder)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"writing into {args.scratch or tempfile.gettempdir()}, one process, median of {args.rounds}")
    for site in args.sites:
        files = files_of(site)
        folders = len({os.path.dirname(relative) for relative, _size in files})
        times = []
        for _round in range(args.rounds):
            target = tempfile.mkdtemp(prefix="files-", dir=args.scratch)
            try:
                times.append(write_again(files, target))
            finally:
                shutil.rmtree(target)
        seconds = statistics.median(t for t, _ in times)
        system = statistics.median(s for _, s in times)
        print(f"{site}: {len(files)} files in {folders} folders: {seconds:.2f} s, {system:.2f} s of it in the kernel")


if __name__ == "__main__":
    main()
