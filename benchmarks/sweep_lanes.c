/* The C baseline of benchmarks/sweep.py: the sweep's lanes as a plain C loop with OpenMP threads and SIMD.

   Each lane does the work of foggyhill.core.kernels.run_group: the update rule (plain, momentum or Nesterov, with
   optimizers.py's arithmetic), the check for flying off, and what the verdict needs as it runs (the last step each
   lane was far from each dip, the tail's moves, the ranges of the tail's two halves), then the same judge: settling,
   crawling, the swing rules of core/stability.py, and the rerun that finds when a swing began. benchmarks/sweep.py
   compiles it with the curve's slope as the macro SLOPE(w), from the same tree the compiled sweep is generated from,
   and with -ffp-contract=off, so the arithmetic is the sweep's to the last bit and the verdicts can be compared.

   Lanes run in groups side by side, time outside and lanes inside, so the inner loops go across lanes in vector
   registers; the steps before the tail skip the tail's bookkeeping.
*/
#include <math.h>
#include <omp.h>
#include <stdint.h>

#ifndef SLOPE
#error "compile with -D'SLOPE(w)=...': the curve's slope"
#endif

#ifndef GROUP
#define GROUP 256 /* lanes run side by side in one task */
#endif
#define MAX_DIPS 32      /* dips a curve may have here */
#define ESCAPE 1e6       /* verdicts.ESCAPE */
#define TINY_MOVE 1e-12  /* kernels.TINY_MOVE */
#define MOMENTUM 0.9     /* optimizers.MOMENTUM */
#define MIN_WINDOW 8     /* stability.MIN_WINDOW */
enum { GLOBAL, LOCAL, CRAWLING, OSCILLATING, DIVERGED };

typedef struct {
    const double *minima, *limits, *maxima; /* limits: each dip's speed limit (row 0; NaN: none), curvature (row 1) */
    const unsigned char *is_global;
    long n_minima, n_maxima, steps, s0, mid;
    double tol;
} Plan;

static inline double lesser(double a, double b) { return b < a ? b : a; }  /* Python's min(a, b) */
static inline double greater(double a, double b) { return b > a ? b : a; }

/* ---------------------------------------------------------------- the swing rules (core/stability.py) */

static double swing_period(int rule, double speed, double curvature) {
    double x = speed * curvature, b, c;
    if (rule == 0) return 2.0;
    if (rule == 1) { b = 1.0 + MOMENTUM - x; c = MOMENTUM; }
    else { b = 1.0 + MOMENTUM * (1.0 - x) - x; c = MOMENTUM * (1.0 - x); }
    if (b * b - 4.0 * c >= 0.0) return 2.0;
    return 2.0 * M_PI / acos(b / (2.0 * sqrt(c)));
}

static long swung_dip(double low, double high, const Plan *p) {
    double middle = 0.5 * (low + high), best = INFINITY;
    long pick = -1;
    for (long m = 0; m < p->n_maxima; m++)
        if (low <= p->maxima[m] && p->maxima[m] <= high) return -1;
    for (long j = 0; j < p->n_minima; j++) {
        double gap = fabs(p->minima[j] - middle);
        if (low <= p->minima[j] && p->minima[j] <= high && gap < best) { best = gap; pick = j; }
    }
    if (pick >= 0) return pick;
    for (long j = 0; j < p->n_minima; j++) {
        double a = lesser(p->minima[j], middle), b = greater(p->minima[j], middle), gap = fabs(p->minima[j] - middle);
        int apart = 0;
        for (long m = 0; m < p->n_maxima; m++) apart = apart || (a <= p->maxima[m] && p->maxima[m] <= b);
        if (!apart && gap < best) { best = gap; pick = j; }
    }
    return pick;
}

static int settles_later(double low, double high, double early, double late, long window, double speed,
                         const Plan *p, int rule) {
    long j = swung_dip(low, high, p);
    int limited = j >= 0 && !isnan(p->limits[j]);
    if (limited && speed >= p->limits[j]) return 0;
    if (rule != 0) return 1;
    if (limited) return late < early || window < 2.0 * swing_period(rule, speed, p->limits[p->n_minima + j]);
    return late < early || window < MIN_WINDOW;
}

/* ---------------------------------------------------------------- one step, one lane */

static inline __attribute__((always_inline)) double move(double w, double *v, double speed, int rule) {
    if (rule == 0) return w - speed * SLOPE(w);
    double ahead = rule == 1 ? w : w + MOMENTUM * *v; /* Nesterov feels the slope where momentum is taking it */
    *v = MOMENTUM * *v - speed * SLOPE(ahead);
    return w + *v;
}

/* Run these lanes again, side by side, up to their tail and find for each, as judge does, the step after its last
   excursion outside its swing lo..hi (widened by a quarter, and tol); the results go to began. */
static inline __attribute__((always_inline)) void swings_began(long m, const double *speed, const double *start,
                                                               const double *lo, const double *hi, long s0,
                                                               double tol, int rule, int32_t *began) {
    double w[m], v[m], low[m], high[m];
    for (long i = 0; i < m; i++) {
        double margin = 0.25 * (hi[i] - lo[i]) + tol;
        low[i] = lo[i] - margin;
        high[i] = hi[i] + margin;
        w[i] = start[i];
        v[i] = 0.0;
        began[i] = (w[i] < low[i] || w[i] > high[i]) ? 1 : 0;
    }
    for (long t = 1; t < s0; t++) {
#pragma omp simd
        for (long i = 0; i < m; i++) {
            w[i] = move(w[i], &v[i], speed[i], rule);
            began[i] = (w[i] < low[i]) | (w[i] > high[i]) ? (int32_t)t + 1 : began[i];
        }
    }
}

/* ---------------------------------------------------------------- a group of lanes */

typedef struct {
    double sp[GROUP], w[GROUP], v[GROUP], lo[2][GROUP], hi[2][GROUP];
    int32_t died[GROUP], far[MAX_DIPS][GROUP];
    unsigned char calm[3][GROUP]; /* the tail's moves so far: all rising, all falling, all standing still */
} Lanes;

static void observe(Lanes *s, long n, long t, const Plan *p) {
    for (long j = 0; j < p->n_minima; j++) {
        double m = p->minima[j], tol = p->tol;
        int32_t *far = s->far[j];
#pragma omp simd
        for (long g = 0; g < n; g++) far[g] = fabs(s->w[g] - m) > tol ? (int32_t)t : far[g];
    }
    for (int half = 0; half < 2; half++) {
        int inside = half == 0 ? (p->s0 <= t && t <= p->mid) : (t >= p->mid);
        if (!inside) continue;
#pragma omp simd
        for (long g = 0; g < n; g++) {
            s->lo[half][g] = lesser(s->lo[half][g], s->w[g]);
            s->hi[half][g] = greater(s->hi[half][g], s->w[g]);
        }
    }
}

/* One step for every lane; `tail` adds the tail's moves. Returns how many lanes are still flying. */
static inline __attribute__((always_inline)) long step(Lanes *s, long n, long t, int rule, int tail) {
    long alive = 0;
#pragma omp simd reduction(+ : alive)
    for (long g = 0; g < n; g++) {
        double w = s->w[g], v = s->v[g];
        double new_w = move(w, &v, s->sp[g], rule);
        int ok = fabs(new_w) <= ESCAPE && s->died[g] == 0;
        s->died[g] = ok || s->died[g] != 0 ? s->died[g] : (int32_t)t;
        s->w[g] = ok ? new_w : w;
        s->v[g] = ok ? v : s->v[g];
        alive += ok;
        if (tail) {
            double change = s->w[g] - w;
            s->calm[0][g] &= change > 0;
            s->calm[1][g] &= change < 0;
            s->calm[2][g] &= fabs(change) < TINY_MOVE;
        }
    }
    return alive;
}

static inline __attribute__((always_inline)) void run_group(const double *speeds, const double *starts,
                                                            long n_starts, long first, long last, const Plan *p,
                                                            int rule, signed char *kinds, int32_t *decided,
                                                            double *final) {
    Lanes s;
    long n = last - first;
    for (long g = 0; g < n; g++) {
        s.sp[g] = speeds[(first + g) / n_starts];
        s.w[g] = starts[(first + g) % n_starts];
        s.v[g] = 0.0;
        s.died[g] = 0;
        for (int i = 0; i < 3; i++) s.calm[i][g] = 1;
        for (int half = 0; half < 2; half++) { s.lo[half][g] = INFINITY; s.hi[half][g] = -INFINITY; }
        for (long j = 0; j < p->n_minima; j++) s.far[j][g] = -1;
    }
    observe(&s, n, 0, p);
    for (long t = 1; t <= p->steps; t++) {
        long alive = t > p->s0 ? step(&s, n, t, rule, 1) : step(&s, n, t, rule, 0);
        observe(&s, n, t, p);
        if (alive == 0) break;
    }
    /* the oscillating lanes, gathered to be run again up to the tail */
    long m = 0, swinging[GROUP];
    double speed[GROUP], start[GROUP], swing_lo[GROUP], swing_hi[GROUP];
    int32_t began[GROUP];
    for (long g = 0; g < n; g++) {
        long lane = first + g;
        double low = lesser(s.lo[0][g], s.lo[1][g]), high = greater(s.hi[0][g], s.hi[1][g]);
        if (s.died[g]) { kinds[lane] = DIVERGED; decided[lane] = s.died[g]; final[lane] = NAN; continue; }
        kinds[lane] = -1;
        for (long j = 0; j < p->n_minima; j++) {
            if (s.far[j][g] < p->steps - 1) { /* settling is staying near the bottom two steps at least */
                kinds[lane] = p->is_global[j] ? GLOBAL : LOCAL;
                decided[lane] = s.far[j][g] + 1;
                break;
            }
        }
        final[lane] = s.w[g];
        if (kinds[lane] >= 0) continue;
        kinds[lane] = CRAWLING;
        decided[lane] = (int32_t)p->steps;
        if (p->steps < 2 || s.calm[0][g] || s.calm[1][g] || s.calm[2][g]) continue;
        double early = s.hi[0][g] - s.lo[0][g], late = s.hi[1][g] - s.lo[1][g];
        if (settles_later(low, high, early, late, p->mid - p->s0, s.sp[g], p, rule)) continue;
        kinds[lane] = OSCILLATING;
        swinging[m] = lane;
        speed[m] = s.sp[g];
        start[m] = starts[lane % n_starts];
        swing_lo[m] = low;
        swing_hi[m++] = high;
    }
    if (m == 0) return;
    swings_began(m, speed, start, swing_lo, swing_hi, p->s0, p->tol, rule, began);
    for (long i = 0; i < m; i++) decided[swinging[i]] = began[i];
}

/* Lanes first..last-1 (lane = speed index * n_starts + start index): their verdicts, deciding steps and final w.
   Returns 0, or -1 when the curve has more dips than MAX_DIPS. */
int sweep_lanes(const double *speeds, const double *starts, long n_starts, const double *minima,
                const unsigned char *is_global, long n_minima, const double *limits, const double *maxima,
                long n_maxima, long steps, long s0, long mid, double tol, int rule, long first, long last,
                signed char *kinds, int32_t *decided, double *final) {
    if (n_minima > MAX_DIPS) return -1;
    Plan p = {minima, limits, maxima, is_global, n_minima, n_maxima, steps, s0, mid, tol};
    long groups = (last - first + GROUP - 1) / GROUP;
    /* lanes that fly off finish early: groups are handed out one at a time */
#pragma omp parallel for schedule(dynamic, 1)
    for (long i = 0; i < groups; i++) {
        long lo = first + i * GROUP, hi = lo + GROUP < last ? lo + GROUP : last;
        switch (rule) { /* a copy of the loops for each rule, so no step asks which rule it runs */
            case 0: run_group(speeds, starts, n_starts, lo, hi, &p, 0, kinds, decided, final); break;
            case 1: run_group(speeds, starts, n_starts, lo, hi, &p, 1, kinds, decided, final); break;
            default: run_group(speeds, starts, n_starts, lo, hi, &p, 2, kinds, decided, final); break;
        }
    }
    return 0;
}

/* The threads the loop above runs on. */
int lanes_threads(void) { return omp_get_max_threads(); }
