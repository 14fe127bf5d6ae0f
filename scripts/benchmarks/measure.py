"""Timing a command as fresh processes, and the Markdown table and machine line every report shows."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WRAPPER = """\
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


Row = tuple[str, int, list[float], list[int], list[float]]  # name, exit code, walls, peaks, CPU times
Result = tuple[int, list[float], list[int], list[float]]  # exit code, walls, peaks, CPU times


def measure(command: list[str], runs: int) -> Result:
    """Exit code, wall times, peak memories (MiB) and CPU times (user + system) of ``runs`` fresh runs.

    On a shared machine the wall time grows with the other jobs' load; the CPU
    time much less, so the table shows both.
    """
    walls, peaks, cpus, code = [], [], [], 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True)
        code_text, wall, peak, cpu = out.stdout.split()
        code = int(code_text)
        walls.append(float(wall))
        peaks.append(int(peak) // 1024)  # KiB -> MiB on Linux
        cpus.append(float(cpu))
    return code, walls, peaks, cpus


def report(lines: list[str], write: Path | None) -> int:
    """Print the benchmark's report and, with --write, save it for docs/performance.md."""
    report = "\n".join(lines)
    print(report)
    if write:
        write.write_text(report + "\n")
    return 0


def timing_table(rows: list[Row]) -> list[str]:
    """The Markdown table of timed commands, as docs/performance.md shows them."""
    lines = [
        "| command | exit | runs | median wall | max wall | median CPU (user + sys) | peak memory (max RSS) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, code, walls, peaks, cpus in rows:
        lines.append(
            f"| {name} | {code} | {len(walls)} | {statistics.median(walls):.2f} s | {max(walls):.2f} s "
            f"| {statistics.median(cpus):.2f} s | {max(peaks)} MiB |"
        )
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {git_version}"
    )


def measure_after(before: list[str], command: list[str], runs: int) -> Result:
    """Each run of ``command`` preceded by ``before`` (emptying the cache, editing a file), which is not timed."""
    walls: list[float] = []
    peaks: list[int] = []
    cpus: list[float] = []
    code = 0
    for _ in range(runs):
        subprocess.run(before, check=True)
        code, wall, peak, cpu = measure(command, 1)
        walls += wall
        peaks += peak
        cpus += cpu
    return code, walls, peaks, cpus
