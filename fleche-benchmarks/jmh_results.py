"""Reading JMH's JSON results, shared by the run-*-benchmarks.sh scripts."""
import json
import math
import os

NANOS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


def load(path):
    """JMH's runs, and each benchmark method's (average ns, error ns or NaN, median ns)."""
    runs = _read(path)
    return runs, {_method(run): _scores(run) for run in runs}


def load_by_param(path, param):
    """JMH's runs, and the scores as load() gives them of each (method, value of `param`)."""
    runs = _read(path)
    return runs, {(_method(run), run["params"][param]): _scores(run) for run in runs}


def _read(path):
    with open(path) as f:
        return json.load(f)


def _method(run):
    return run["benchmark"].rsplit(".", 1)[1]


def _scores(run):
    metric = run["primaryMetric"]
    scale = NANOS[metric["scoreUnit"]]
    return (
        metric["score"] * scale,
        float(metric["scoreError"]) * scale,  # JMH writes "NaN" when there are too few samples
        metric["scorePercentiles"]["50.0"] * scale,
    )


def duration(ns):
    """A duration in nanoseconds, with a readable unit."""
    sign = "−" if ns < 0 else ""
    for unit, size in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if abs(ns) >= size:
            return f"{sign}{abs(ns) / size:.3g} {unit}"
    return f"{sign}{abs(ns):.3g} ns"


def average(result):
    """Average ± error of a result from load()."""
    mean, error, _ = result
    return duration(mean) + ("" if math.isnan(error) else f" ± {duration(error)}")


def settings(runs):
    """The JVM and run settings of JMH's runs, as a sentence."""
    first = runs[0]
    return (
        f"JDK {first['jdkVersion']} ({first['vmName']}), {os.cpu_count()} CPUs, "
        f"{first['forks']} fork(s), warm-up {first['warmupIterations']} × {first['warmupTime']}, "
        f"measurement {first['measurementIterations']} × {first['measurementTime']}."
    )


def pairs(results, case):
    """Each (Fleche variant, its result, baseline kind, its result) of a case, found by name:
    <case>_fleche[_<variant>] against every <case>_baseline_<kind>, in name order."""
    prefix = f"{case}_baseline_"
    baselines = sorted(n for n in results if n.startswith(prefix))
    for name in sorted(n for n in results if n.startswith(f"{case}_fleche")):
        for baseline in baselines:
            yield name[len(case) + 1:], results[name], baseline[len(prefix):], results[baseline]
