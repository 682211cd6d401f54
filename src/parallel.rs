//! Running work on every core: [`map_in_order`] for the planning stages, the stack size every
//! worker thread gets, and the setup of rayon's global pool that Typst lays pages out on.
//! Deep stacks everywhere: deeply nested user text must give an error, never overflow.

/// Stack of every worker thread (bytes): Typst recurses deeply on long tables and lists.
pub(crate) const STACK: usize = 64 << 20;

/// `f` applied to every item, on as many threads as there are cores, results in order.
/// Threads that cannot be started leave their part to the calling thread.
pub(crate) fn map_in_order<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = cores();
    if threads < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let spawned = std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, move || part.iter().map(f).collect::<Vec<U>>());
                (part, spawned)
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|(part, spawned)| match spawned {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: this part is done here.
                Err(_) => part.iter().map(f).collect(),
            })
            .collect()
    })
}

/// The number of cores to use (at least 1).
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Gives rayon's global pool, which Typst lays out pages on, threads with deep stacks; once
/// per process, before the first document is compiled.
pub(crate) fn deep_rayon_pool() {
    static POOL: std::sync::Once = std::sync::Once::new();
    POOL.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(STACK)
            .thread_name(|i| format!("vanban-typst-{i}"))
            .build_global();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = map_in_order(&items, |i| i * 2);
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(map_in_order(&[] as &[u32], |i| *i).is_empty());
    }
}
