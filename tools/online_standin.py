"""The internet as an online learner meets it, served from the offline mirror on 127.0.0.1.

Tests must never reach the network, yet the path an online learner takes (download,
checksum, extraction or conversion, loading) has to run somewhere. This module puts
a local HTTP server in place of every upstream host of ``utils/registry.toml``:

- files the mirror holds byte for byte (Keras' word indexes and Reuters) are served
  as they are, under their real pins;
- files the mirror holds in another form are served in the upstream's form, built
  here from the mirror's real data, and registered with their own size and hash:
  ``aclImdb_v1.tar.gz`` (the mirror's repack of the 50,000 labeled reviews),
  ``glove-wiki-gigaword-50.gz`` (the mirror's GloVe text after a word2vec header
  line, as gensim-data publishes it; its body is still checked against the
  published md5 of ``glove.6B.50d.txt``), ``weather.csv`` (the mirror's Jena 2020
  in the Time-Series-Library layout: ISO dates, the 14 measurements and seven
  more columns, which the course drops; the mirror lacks their values, so they
  are written as 0.0) and ``pg11.txt`` (the mirror's Alice between Gutenberg's
  header and footer lines);
- every other address (the Jena 2009-2016 zip and GloVe's 822 MB zip, which the
  mirror does not hold) answers 404.

The registry's changes go to a JSON file named by ``$COURSE_DATA_OVERRIDES``
(read by ``utils.data`` at import), so notebooks run in a kernel of their own see
them too. Command line (``make test-notebooks`` runs the notebooks that read Jena this way)::

    python -m tools.online_standin -- pytest --nbval-lax notebooks/10_jena_forecasting.ipynb

runs the command with no ``$COURSE_DATA_DIR``, an empty cache and Keras home,
and the server standing in for the internet (any other address goes to a closed
proxy on 127.0.0.1, so nothing reaches the real network).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

from utils import data

MIRROR_DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
GUTENBERG_HEAD = ("The Project Gutenberg eBook of Alice's Adventures in Wonderland\n\n"
                  "*** START OF THE PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***\n")
GUTENBERG_TAIL = "\n*** END OF THE PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***\n"
TSLIB_EXTRA = ["rain (mm)", "raining (s)", "SWDR (W/m\u00b2)", "PAR (\u00b5mol/m\u00b2/s)",
               "max. PAR (\u00b5mol/m\u00b2/s)", "Tlog (degC)", "OT"]


def tslib_weather(jena_csv: bytes) -> bytes:
    """Jena 2020 in Keras' layout (the mirror's CSV) written as Time-Series-Library's
    ``weather.csv``: ``date`` as ``2020-01-01 00:10:00``, the 14 columns, seven more."""
    import datetime as dt

    rows = csv.reader(io.StringIO(jena_csv.decode("utf-8")))
    header = next(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", *header[1:], *TSLIB_EXTRA])
    for row in rows:
        stamp = dt.datetime.strptime(row[0], "%d.%m.%Y %H:%M:%S").strftime("%Y-%m-%d %H:%M:%S")
        writer.writerow([stamp, *row[1:], *["0.0"] * len(TSLIB_EXTRA)])
    return out.getvalue().encode("latin-1")  # the upstream header's ² and µ are Latin-1


def standins(mirror: Path) -> dict[str, bytes]:
    """The upstream files, by name, as this module serves them (see the module's text)."""
    read = lambda name: (mirror / name).read_bytes()  # noqa: E731
    with zipfile.ZipFile(mirror / "jena_climate_2020.csv.zip") as archive:
        jena = archive.read("jena_climate_2020.csv")
    alice = read("alice_in_wonderland.txt").decode("utf-8")
    return {
        "aclImdb_v1.tar.gz": read("aclImdb_v1_labeled.tar.gz"),
        "imdb_word_index.json": read("imdb_word_index.json"),
        "reuters.npz": read("reuters.npz"),
        "reuters_word_index.json": read("reuters_word_index.json"),
        # a gzip file may hold several members, read one after the other
        "glove-wiki-gigaword-50.gz": gzip.compress(b"400000 50\n", mtime=0)
                                     + read("glove.6B.50d.txt.gz"),
        "weather.csv": tslib_weather(jena),
        "pg11.txt": (GUTENBERG_HEAD + alice + GUTENBERG_TAIL).encode("utf-8"),
    }


def overrides(files: dict[str, bytes], base: str) -> dict[str, dict]:
    """Registry changes: every address on ``base``; stand-ins with their own size and hash."""
    changes = {}
    for dataset in data._load_registry(data.REGISTRY_FILE, overridden=False).values():
        for item in dataset.files:
            if not item.url:
                continue
            change = {"url": f"{base}/{item.name}"}
            body = files.get(item.name)
            same = body is not None and (
                (item.sha256 and hashlib.sha256(body).hexdigest() == item.sha256)
                or (item.md5 and hashlib.md5(body).hexdigest() == item.md5))
            if body is not None and not same and (item.sha256 or item.md5 or item.size):
                change.update(size=len(body), md5=None,
                              sha256=hashlib.sha256(body).hexdigest())
            changes[item.name] = change
    return changes


class Handler(http.server.BaseHTTPRequestHandler):
    """Serves ``files`` by name; ``faults`` maps a name to "500", "truncate" or "corrupt"."""

    files: dict[str, bytes] = {}
    faults: dict[str, str] = {}
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        name = self.path.lstrip("/").split("?")[0]
        self.hits.append(name)
        body, fault = self.files.get(name), self.faults.get(name)
        if fault == "500":
            self.send_error(500, "Internal Server Error")
            return
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if fault == "truncate":
            body = body[: len(body) // 3]
        elif fault == "corrupt":
            body = body[:100] + bytes([body[100] ^ 0xFF]) + body[101:]
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def serve(files: dict[str, bytes]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start a server on 127.0.0.1 for ``files``; returns it and its base address."""
    handler = type("StandIn", (Handler,), {"files": files, "faults": {}, "hits": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__)
        return 2
    mirror = Path(os.environ.get(data.DATA_DIR_ENV) or MIRROR_DEFAULT)
    if not (mirror / "SHA256SUMS").is_file():
        print(f"online_standin needs the offline mirror to build the upstream files from: "
              f"set {data.DATA_DIR_ENV} (looked at {mirror})", file=sys.stderr)
        return 2
    httpd, base = serve(standins(mirror))
    with tempfile.TemporaryDirectory(prefix="course-online-") as work:
        changes = Path(work) / "registry-overrides.json"
        changes.write_text(json.dumps(overrides(httpd.RequestHandlerClass.files, base)))
        env = {k: v for k, v in os.environ.items() if k != data.DATA_DIR_ENV}
        env.update({data.OVERRIDES_ENV: str(changes), data.CACHE_DIR_ENV: f"{work}/cache",
                    "KERAS_HOME": f"{work}/keras",
                    # a request the overrides miss goes to a closed port, not to the internet
                    "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
                    "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
                    "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"})
        print(f"online stand-in: {base} serves the upstream files; no {data.DATA_DIR_ENV}, "
              f"an empty cache in {work}", flush=True)
        try:
            return subprocess.call(argv, env=env)
        finally:
            httpd.shutdown()


if __name__ == "__main__":
    sys.exit(main())
