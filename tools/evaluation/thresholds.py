"""--require name=value,...: a share must reach the percentage; a count must not exceed it."""

from __future__ import annotations

from tools.evaluation.scoring import Metric


class ThresholdError(ValueError):
    """A --require that names no metric or gives no number."""


def parse_requirements(text: str | None, known: list[str]) -> dict[str, float]:
    """`figures=98,invented=0` -> {"figures": 98.0, "invented": 0.0}."""
    requirements: dict[str, float] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, _, number = part.partition("=")
        name = name.strip()
        if name not in known:
            raise ThresholdError(f"--require: unknown metric {name!r} (known: {', '.join(known)})")
        try:
            requirements[name] = float(number.strip().rstrip("%"))
        except ValueError as error:
            raise ThresholdError(f"--require: {part.strip()!r} needs a number") from error
    return requirements


def missed_thresholds(metrics: dict[str, Metric], requirements: dict[str, float]) -> list[str]:
    """One sentence per threshold not met; a share with nothing expected meets any threshold,
    a metric that is not available meets none."""
    missed = []
    for name, wanted in requirements.items():
        metric = metrics[name]
        if not metric.available:
            missed.append(f"{name}: not available (required {wanted:g})")
        elif metric.kind == "count" and metric.found > wanted:
            missed.append(f"{name}: {metric.found}, required at most {wanted:g}")
        elif metric.kind == "share" and metric.percent is not None and metric.percent < wanted:
            missed.append(f"{name}: {metric.percent:.1f}%, required at least {wanted:g}%")
    return missed
