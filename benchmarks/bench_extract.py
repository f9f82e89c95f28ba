"""Article extraction benchmark: our extractor against plain ``trafilatura.extract(html)``.

Runs the scorer of the shared extract-dev set twice and prints its last line for each:

    .venv/bin/python benchmarks/bench_extract.py [--dir ../shared/extract-dev] [--jobs 4]

By default our side runs through ``python -m reader extract {html} --format text``
(the CLI contract); ``--direct`` runs this file in ``--page`` mode, which calls the
same ``extract_html`` without the CLI around it.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "extract-dev"


def _page(kind: str, path: str) -> int:
    html = Path(path).read_text(encoding="utf-8", errors="replace")
    if kind == "plain":
        import trafilatura

        print(trafilatura.extract(html) or "")
        return 0
    sys.path.insert(0, str(ROOT))
    from reader.core.extract import extract_html

    print(extract_html(html).text)
    return 0


def _score(data_dir: Path, cmd: str, jobs: int, workdir: Path) -> str:
    scorer = data_dir / "score.py"
    result = subprocess.run(
        [
            sys.executable,
            str(scorer),
            "--dir",
            str(data_dir),
            "--cmd",
            cmd,
            "--jobs",
            str(jobs),
            "--bootstrap",
            "0",
            "--log",
            str(workdir / "score.log"),
        ],
        capture_output=True,
        text=True,
        cwd=workdir,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return lines[-1] if lines else f"scorer failed: {result.stderr.strip()[-300:]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--direct", dest="cli", action="store_false",
                        help="call extract_html in-process instead of through the CLI")
    parser.add_argument("--page", nargs=2, metavar=("KIND", "HTML"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.page:
        return _page(*args.page)
    py = shlex.quote(sys.executable)
    me = shlex.quote(str(Path(__file__).resolve()))
    ours = (
        f"cd {shlex.quote(str(ROOT))} && {py} -m reader extract {{html}} --format text"
        if args.cli
        else f"{py} {me} --page ours {{html}}"
    )
    plain = f"{py} {me} --page plain {{html}}"
    with tempfile.TemporaryDirectory() as tmp:
        print("plain trafilatura:", _score(args.dir, plain, args.jobs, Path(tmp)))
        print("ours:             ", _score(args.dir, ours, args.jobs, Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
