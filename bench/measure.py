"""Wall time, CPU time and peak RSS of a command's whole process tree."""

from __future__ import annotations

import os
import resource
import subprocess
import time
from dataclasses import dataclass

import psutil


@dataclass
class Measurement:
    phase: str
    wall: float
    cpu: float
    peak_rss: int
    ok: bool
    note: str = ""

    @property
    def peak_rss_gb(self) -> float:
        return self.peak_rss / 2**30


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(phase: str, command: list[str], env: dict | None = None, cwd=None, log=None) -> Measurement:
    """Run `command`, sampling the RSS of it and all its descendants every 50 ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    watched, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_rss(watched))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measurement(phase, wall, cpu, peak, child.returncode == 0)
