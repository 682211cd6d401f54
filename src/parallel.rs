//! Running work on every core: [`map_in_order`] for the planning stages, the stack size every
//! worker thread gets, and the setup of rayon's global pool that Typst lays pages out on.
//! Deep stacks everywhere: deeply nested user text must give an error, never overflow.

/// Stack of every worker thread (bytes): Typst recurses deeply on long tables and lists.
pub(crate) const STACK: usize = 64 << 20;

/// `f` applied to every item, on as many threads as there are cores, results in order.
/// Each thread takes the next item not yet taken, so a few heavy items (a report beside a
/// request letter with thirty documents) do not leave one thread working while the others
/// wait, as halves fixed in advance did. When no thread can be started, the calling thread
/// does everything.
pub(crate) fn map_in_order<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = cores().min(items.len());
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(item)));
        }
        done
    };
    let mut done: Vec<(usize, U)> = std::thread::scope(|scope| {
        let spawned: Vec<_> = (0..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        // Whatever the started threads did not take (all of it, if none started).
        let mut done = if spawned.is_empty() { work() } else { Vec::new() };
        for handle in spawned {
            done.extend(
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, u)| u).collect()
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
        assert_eq!(map_in_order(&[7u32], |i| i + 1), vec![8]);
    }

    #[test]
    fn items_of_uneven_weight_come_back_in_order_each_once() {
        // Heavy items first, as the reports come before the request letters.
        let items: Vec<u64> = (0..200).collect();
        let seen = std::sync::atomic::AtomicUsize::new(0);
        let out = map_in_order(&items, |&i| {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let rounds = if i < 20 { 20_000 } else { 10 };
            (0..rounds).fold(i, |acc, k| acc.wrapping_mul(31).wrapping_add(k)) % 7 + i * 10
        });
        assert_eq!(seen.into_inner(), items.len());
        assert_eq!(out.len(), items.len());
        for (i, v) in out.iter().enumerate() {
            assert_eq!(v / 10, i as u64, "item {i} in place");
        }
    }
}
