// A damped spring as a pure, closed-form function of time: the page animates with it, and the video renderer
// computes the same formula in Python, so both must agree number for number. No state, no clock.

/** How close (as a fraction of the distance travelled) counts as arrived: after the settle time, return `to`. */
export const SETTLE_FRACTION = 0.001;

// Closer to critical damping than this is treated as critical, where the two general formulas divide by ~0.
const CRITICAL_BAND = 1e-6;

function checked({ stiffness = 110, damping = 16, mass = 1 } = {}) {
  for (const [name, value] of [["stiffness", stiffness], ["damping", damping], ["mass", mass]]) {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`spring ${name} must be a number greater than 0 (got ${value})`);
    }
  }
  const omega = Math.sqrt(stiffness / mass);
  const zeta = damping / (2 * Math.sqrt(stiffness * mass));
  return { omega, zeta };
}

/** The remaining fraction of the distance, h(t): 1 at t = 0, heading to 0, starting at rest. */
function remaining(t, omega, zeta) {
  if (Math.abs(zeta - 1) < CRITICAL_BAND) {
    return Math.exp(-omega * t) * (1 + omega * t);
  }
  if (zeta < 1) {
    const wd = omega * Math.sqrt(1 - zeta * zeta);
    const decay = zeta * omega;
    return Math.exp(-decay * t) * (Math.cos(wd * t) + (decay / wd) * Math.sin(wd * t));
  }
  const root = Math.sqrt(zeta * zeta - 1);
  const slow = -omega * (zeta - root);
  const fast = -omega * (zeta + root);
  return (fast * Math.exp(slow * t) - slow * Math.exp(fast * t)) / (fast - slow);
}

/** Seconds after which the spring stays within SETTLE_FRACTION of the distance (from its decay envelope). */
export function springSettleTime(opts = {}) {
  const { omega, zeta } = checked(opts);
  const eps = SETTLE_FRACTION;
  if (Math.abs(zeta - 1) < CRITICAL_BAND) {
    // Solve exp(-x) (1 + x) = eps by fixed-point iteration x = ln((1 + x) / eps); it converges fast.
    let x = Math.log(1 / eps);
    for (let i = 0; i < 60; i += 1) x = Math.log((1 + x) / eps);
    return x / omega;
  }
  if (zeta < 1) {
    // |h(t)| <= exp(-zeta omega t) / sqrt(1 - zeta^2)
    return Math.log(1 / (eps * Math.sqrt(1 - zeta * zeta))) / (zeta * omega);
  }
  // |h(t)| <= |fast| / (|fast| - |slow|) * exp(slow t), the slow root dominating
  const root = Math.sqrt(zeta * zeta - 1);
  const slow = omega * (zeta - root);
  const fast = omega * (zeta + root);
  return Math.log(fast / ((fast - slow) * eps)) / slow;
}

/**
 * The position of a spring released at rest at `from` and pulled toward `to`, `t` seconds after release.
 * Under-, critically and over-damped springs are all closed-form; at t >= the settle time it returns `to`.
 */
export function spring(t, from, to, { stiffness = 110, damping = 16, mass = 1 } = {}) {
  const opts = { stiffness, damping, mass };
  if (!(t > 0)) return from;
  if (t >= springSettleTime(opts)) return to;
  const { omega, zeta } = checked(opts);
  return to + (from - to) * remaining(t, omega, zeta);
}
