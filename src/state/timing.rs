//! Timings the benchmarks read: `performance.measure` entries around the
//! computations that have performance targets (reports, duplicate checks).

/// Records how long `f` takes as a performance measure named `name`
/// (read by the benchmark), and returns its result.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    out
}
