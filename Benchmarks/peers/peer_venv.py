"""The peer scripts' own virtual environment: `Benchmarks/peers/.venv`, with `requirements.txt` pinned.

`ensure()` creates it on first use (or when `requirements.txt` changed), under a file lock so
concurrent runs do not race, and re-executes the current script with its interpreter. Only
the standard library is used here, so any Python 3.9+ can start the script.
"""
import fcntl
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
STAMP = os.path.join(VENV, "requirements.installed")
PYTHON = os.path.join(VENV, "bin", "python")


def _requirements():
    with open(REQUIREMENTS, encoding="utf-8") as handle:
        return handle.read()


def _current():
    try:
        with open(STAMP, encoding="utf-8") as handle:
            return handle.read() == _requirements() and os.path.exists(PYTHON)
    except OSError:
        return False


def _create():
    """Builds the venv from scratch; returns the seconds it took."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", "--clear", VENV], check=True)
    pip = [PYTHON, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    # Wheels only: a source build of tantivy would need a Rust toolchain and many minutes.
    subprocess.run(pip + ["install", "--only-binary=:all:", "-r", REQUIREMENTS], check=True)
    with open(STAMP, "w", encoding="utf-8") as handle:
        handle.write(_requirements())
    return time.perf_counter() - start


def ensure():
    """Runs the calling script inside the venv, creating the venv first if needed."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV) and _current():
        return
    with open(os.path.join(HERE, ".venv.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _current():
            print(f"tantivy_peer: creating {VENV} ({' '.join(_requirements().split())})", file=sys.stderr)
            try:
                seconds = _create()
            except (subprocess.CalledProcessError, OSError) as error:
                sys.exit(f"tantivy_peer: creating the virtual environment failed ({error}): "
                         f"check that `{sys.executable} -m venv` works and PyPI is reachable, then run again")
            print(f"tantivy_peer: venv created in {seconds:.1f} s", file=sys.stderr)
            os.environ["TANTIVY_PEER_VENV_SECONDS"] = f"{seconds:.1f}"
    os.execv(PYTHON, [PYTHON] + sys.argv)
