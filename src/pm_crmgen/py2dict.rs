//! CPython 2 (64-bit) dict iteration order. The original builds a dict of the
//! `O` sub-table's column names and writes each `op` line's attributes in the
//! dict's order, so that order is part of the output format (spec §9.6).

const MASK64: u64 = u64::MAX;

fn py2_hash(key: &str) -> u64 {
    let chars: Vec<u32> = key.chars().map(|c| c as u32).collect();
    let Some(&first) = chars.first() else {
        return 0;
    };
    let mut x: u64 = u64::from(first) << 7;
    for &c in &chars {
        x = x.wrapping_mul(1_000_003) ^ u64::from(c);
    }
    x ^= chars.len() as u64;
    if x == MASK64 {
        x = MASK64 - 1;
    }
    x
}

fn probe(slots: &[Option<(u64, usize)>], hash: u64, key_eq: impl Fn(usize) -> bool) -> usize {
    let mask = (slots.len() - 1) as u64;
    let mut i = hash & mask;
    let mut perturb = hash;
    loop {
        match slots[(i & mask) as usize] {
            None => return (i & mask) as usize,
            Some((_, k)) if key_eq(k) => return (i & mask) as usize,
            Some(_) => {
                i = i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1);
                perturb >>= 5;
            }
        }
    }
}

/// The iteration order of a dict built by inserting `keys` in order (duplicates
/// ignored, no deletions): returns indexes into `keys`.
pub fn iteration_order(keys: &[String]) -> Vec<usize> {
    let mut slots: Vec<Option<(u64, usize)>> = vec![None; 8];
    let mut used = 0usize;
    for (idx, key) in keys.iter().enumerate() {
        let h = py2_hash(key);
        let at = probe(&slots, h, |k| keys[k] == *key);
        if slots[at].is_some() {
            continue;
        }
        slots[at] = Some((h, idx));
        used += 1;
        if used * 3 >= slots.len() * 2 {
            let mut size = 8;
            while size <= used * 4 {
                size <<= 1;
            }
            let mut grown: Vec<Option<(u64, usize)>> = vec![None; size];
            for (h, k) in slots.iter().flatten().copied() {
                let at = probe(&grown, h, |_| false);
                grown[at] = Some((h, k));
            }
            slots = grown;
        }
    }
    slots.iter().flatten().map(|&(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(keys: &[&str]) -> Vec<String> {
        let owned: Vec<String> = keys.iter().map(|s| s.to_string()).collect();
        iteration_order(&owned)
            .into_iter()
            .map(|i| owned[i].clone())
            .collect()
    }

    #[test]
    fn known_python2_orders() {
        assert_eq!(order(&["a", "c", "b"]), ["a", "c", "b"]);
        assert_eq!(order(&["y", "x", "z"]), ["y", "x", "z"]);
        assert_eq!(order(&["three", "two", "one"]), ["one", "three", "two"]);
        assert_eq!(
            order(&["type", "timeout", "interval", "on-fail", "start-delay"]),
            ["interval", "type", "start-delay", "timeout", "on-fail"]
        );
        assert_eq!(
            order(&["type", "timeout", "interval", "on-fail", "role"]),
            ["role", "interval", "type", "timeout", "on-fail"]
        );
        // Python 2 resizes after the 6th key; the order of a..j checks rehashing.
        assert_eq!(
            order(&["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]),
            ["a", "c", "b", "e", "d", "g", "f", "i", "h", "j"]
        );
    }
}
