// Medians and the alternating runner: every side of a row runs once per
// round, in turn, so drift on a shared machine hits all sides alike.

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Runs `rounds` rounds; in each, every side's function once (in a rotating
 * order). A side's function returns a number, or `{ value }`, or `{ error }`
 * / throws. A side that fails twice before any success, or three times in
 * all, is not called again (a missing feature fails every time, and some
 * failures are timeouts). The median is over the successful rounds; `error`
 * says what failed (and in how many rounds, when some succeeded). `warmup`
 * runs one unmeasured call per side first.
 */
export async function alternate({ rounds, sides, warmup = false, log = () => {} }) {
  const names = Object.keys(sides);
  const out = Object.fromEntries(names.map((n) => [n, { values: [], errors: [] }]));
  const stopped = (slot) => (slot.errors.length >= 2 && !slot.values.length) || slot.errors.length >= 3;
  const call = async (name, round) => {
    const slot = out[name];
    if (stopped(slot)) return undefined;
    let error;
    try {
      const v = await sides[name](round);
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (v && typeof v === 'object' && typeof v.value === 'number' && Number.isFinite(v.value)) return v.value;
      error = v && typeof v === 'object' && v.error ? String(v.error) : `no number (${JSON.stringify(v)?.slice(0, 120)})`;
    } catch (err) {
      error = String(err?.message ?? err);
    }
    slot.errors.push(error);
    return undefined;
  };
  if (warmup) for (const name of names) await call(name, -1);
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const name of order) {
      const v = await call(name, r);
      if (v !== undefined) out[name].values.push(v);
    }
    log(r + 1, rounds);
  }
  for (const name of names) {
    const slot = out[name];
    slot.median = median(slot.values);
    if (slot.errors.length) {
      slot.error = slot.values.length ? `${slot.errors.length} run(s) failed, median of ${slot.values.length}: ${slot.errors[0]}` : slot.errors[0];
    }
  }
  return out;
}
